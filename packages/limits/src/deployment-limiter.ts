import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CooldownSettings } from '@reelay/registry';
import { ACQUIRE, PEEK, RECORD_FAILURE, RENEW_LEASE, SETTLE_TOKENS } from './lua-scripts';

/** A deployment's configured limits; absent or 0 means no limit. */
export interface DeploymentLimits {
  rpm?: number;
  tpm?: number;
  maxParallelRequests?: number;
}

export type LimitReason = 'cooldown' | 'rpm' | 'tpm' | 'in_flight';

export type AcquireResult =
  /** `requestId` names this request's rpm and tpm entries (see `settleTokens`). */
  | { ok: true; inFlight: number; requestId: string }
  | { ok: false; reason: LimitReason; retryAfterMs: number; used: number; limit: number };

/** Why `acquire` refuses: the reason, how long until it may not (ms), and the count at the limit. */
export type Refusal = Extract<AcquireResult, { ok: false }>;

export interface DeploymentState {
  /** Epoch ms until which the deployment cools down, or null. */
  cooldownUntil: number | null;
  cooldownReason: string | null;
  requestsInWindow: number;
  tokensInWindow: number;
  inFlight: number;
}

/** A deployment's state and what `acquire` would answer right now, read without taking anything. */
export interface DeploymentPeek extends DeploymentState {
  /** Failures in the last minute that count towards allowed_fails (cleared when a cooldown starts). */
  failuresInWindow: number;
  /** What `acquire` would answer for these limits and tokens: null when it would take the request. */
  refusal: Refusal | null;
}

export interface LastError {
  at: number;
  code: string;
  message: string;
}

export interface LimiterOptions {
  /** Key prefix shared with the rest of reelay's keys. Default `reelay`. */
  prefix?: string;
  /**
   * The rpm/tpm window. A little over a minute: the provider counts requests when they
   * arrive, a few ms after we count them, so a window of exactly 60 s could let the 31st
   * request of an rpm-30 minute land inside the provider's minute. Default 60.5 s.
   */
  windowMs?: number;
  /** How long an in-flight lease lives without renewal (a dead worker's slot comes back after it). Default 5 min. */
  leaseMs?: number;
}

/** The Lua commands, registered once per connection so each call sends only the script's hash. */
interface LimiterCommands {
  reelayLimitAcquire(...args: Array<string | number>): Promise<[number, number | string, number?, number?, number?]>;
  reelayLimitRenew(...args: Array<string | number>): Promise<number>;
  reelayLimitFailure(...args: Array<string | number>): Promise<number>;
  reelayLimitPeek(...args: Array<string | number>): Promise<[number, string, number, number, number, number, ...Array<string | number>]>;
  reelayLimitSettle(...args: Array<string | number>): Promise<number>;
}

/** Cooldown policy (router_settings.allowed_fails / cooldown_time). */
/** allowed_fails and cooldown_time, as the registry's router policy reads them (cooldownSettingsOf). */
export type CooldownPolicy = CooldownSettings;

const FAILURE_WINDOW_MS = 60_000;
/** How long a process trusts its last read of a deployment's cooldown (see `cooldownLeft`). */
export const COOLDOWN_CACHE_MS = 1_000;

/**
 * Limits shared by every process through Redis: requests and tokens per minute, in-flight
 * upstream tasks held as leases, and cooldowns. Each check-and-take is one Lua call.
 */
export class DeploymentLimiter {
  private readonly prefix: string;
  readonly windowMs: number;
  readonly leaseMs: number;

  private readonly commands: LimiterCommands;
  /** When this process last renewed each job's lease: most polls need no Redis call for it. */
  private readonly renewedAt = new Map<string, number>();
  /** Per deployment: the cooldown end last read from Redis (0 = none) and when it was read. */
  private readonly cooldowns = new Map<string, { until: number; checkedAt: number }>();

  constructor(
    private readonly redis: Redis,
    options: LimiterOptions = {},
  ) {
    redis.defineCommand('reelayLimitAcquire', { numberOfKeys: 4, lua: ACQUIRE });
    redis.defineCommand('reelayLimitRenew', { numberOfKeys: 4, lua: RENEW_LEASE });
    redis.defineCommand('reelayLimitFailure', { numberOfKeys: 3, lua: RECORD_FAILURE });
    redis.defineCommand('reelayLimitPeek', { numberOfKeys: 5, lua: PEEK });
    redis.defineCommand('reelayLimitSettle', { numberOfKeys: 1, lua: SETTLE_TOKENS });
    // defineCommand adds these methods at run time; ioredis has no static type for them.
    this.commands = redis as unknown as LimiterCommands;
    this.prefix = `${options.prefix ?? 'reelay'}:limits`;
    this.windowMs = options.windowMs ?? 60_500;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  private keys(deploymentId: string) {
    const base = `${this.prefix}:{${deploymentId}}`; // one hash slot per deployment (Redis Cluster)
    return {
      requests: `${base}:requests`,
      tokens: `${base}:tokens`,
      leases: `${base}:leases`,
      cooldown: `${base}:cooldown`,
      failures: `${base}:failures`,
      lastError: `${base}:last-error`,
    };
  }

  /** Takes a request slot (and tokens) and an in-flight lease for `jobId`, or refuses with the reason. */
  async acquire(deploymentId: string, limits: DeploymentLimits, jobId: string, tokens = 0): Promise<AcquireResult> {
    const k = this.keys(deploymentId);
    const requestId = `${jobId}:${randomBytes(6).toString('hex')}`;
    const reply = await this.commands.reelayLimitAcquire(
      k.requests,
      k.tokens,
      k.leases,
      k.cooldown,
      limits.rpm ?? 0,
      limits.tpm ?? 0,
      limits.maxParallelRequests ?? 0,
      this.windowMs,
      this.leaseMs,
      jobId,
      tokens,
      requestId,
    );
    if (reply[0] === 1) return { ok: true, inFlight: Number(reply[1]), requestId };
    return { ok: false, reason: reply[1] as LimitReason, retryAfterMs: Math.max(1, Number(reply[2])), used: Number(reply[3]), limit: Number(reply[4]) };
  }

  /**
   * Keeps a running job's lease alive; call on every poll. Only renews in Redis once a
   * quarter of the lease has passed since this process last did, so a poll every few
   * seconds costs no Redis call most of the time. Returns false if it had lapsed (it is
   * taken again).
   */
  async renewLease(deploymentId: string, jobId: string): Promise<boolean> {
    const now = Date.now();
    const key = `${deploymentId} ${jobId}`;
    if (now - (this.renewedAt.get(key) ?? 0) < this.leaseMs / 4) return true;
    const k = this.keys(deploymentId);
    const reply = await this.commands.reelayLimitRenew(k.requests, k.tokens, k.leases, k.cooldown, jobId, this.leaseMs);
    // Jobs move between workers: drop entries now and then instead of tracking them.
    if (this.renewedAt.size > 100_000) this.renewedAt.clear();
    this.renewedAt.set(key, now);
    return reply === 1;
  }

  /**
   * A text request's tokens as the upstream counted them, in place of the estimate `acquire`
   * reserved: tpm holds on what was really used.
   */
  async settleTokens(deploymentId: string, requestId: string, reserved: number, actual: number): Promise<void> {
    if (reserved <= 0 || reserved === actual) return;
    await this.commands.reelayLimitSettle(this.keys(deploymentId).tokens, requestId, reserved, Math.max(0, Math.round(actual)));
  }

  /** Frees the job's in-flight slot (job terminal, or its create made no task). */
  async releaseLease(deploymentId: string, jobId: string): Promise<void> {
    this.renewedAt.delete(`${deploymentId} ${jobId}`);
    await this.redis.zrem(this.keys(deploymentId).leases, jobId);
  }

  /**
   * Counts a failure towards the cooldown policy; `retryAfterMs` (a 429's) cools the
   * deployment for that long at once. Returns the cooldown applied in ms (0 = none).
   */
  async recordFailure(deploymentId: string, policy: CooldownPolicy, error: { code: string; message: string; retryAfterMs?: number }): Promise<number> {
    const k = this.keys(deploymentId);
    const reason = `${error.code}: ${error.message}`.slice(0, 300);
    const lastError = JSON.stringify({ at: Date.now(), code: error.code, message: error.message.slice(0, 500) });
    const applied = await this.commands.reelayLimitFailure(
      k.failures,
      k.cooldown,
      k.lastError,
      policy.allowedFails,
      policy.cooldownMs,
      FAILURE_WINDOW_MS,
      randomBytes(6).toString('hex'),
      error.retryAfterMs ?? 0,
      reason,
      lastError,
    );
    if (applied > 0) this.cooldowns.set(deploymentId, { until: Date.now() + applied, checkedAt: Date.now() });
    return applied;
  }

  /**
   * Whether the deployment is cooling down, and for how long (ms, 0 = not), for a deployment
   * with no limits to count: read from Redis at most once per `COOLDOWN_CACHE_MS` per
   * deployment and process, so the text path's common case costs no Redis call per request.
   * Cooldowns this process records apply here at once; other processes' within that time.
   * While Redis is unreachable it answers from what this process last knew, so text requests to
   * such deployments go on being served.
   */
  async cooldownLeft(deploymentId: string): Promise<number> {
    const now = Date.now();
    const cached = this.cooldowns.get(deploymentId);
    if (cached && now - cached.checkedAt < COOLDOWN_CACHE_MS) return Math.max(0, cached.until - now);
    let ttl: number;
    try {
      ttl = await this.redis.pttl(this.keys(deploymentId).cooldown);
    } catch {
      // Redis away: a deployment with nothing to count still serves, on what this process last knew.
      return Math.max(0, (cached?.until ?? 0) - now);
    }
    const until = ttl > 0 ? now + ttl : 0;
    this.cooldowns.set(deploymentId, { until, checkedAt: now });
    return Math.max(0, until - now);
  }

  async inspect(deploymentId: string): Promise<DeploymentState> {
    const { cooldownUntil, cooldownReason, requestsInWindow, tokensInWindow, inFlight } = await this.peek(deploymentId);
    return { cooldownUntil, cooldownReason, requestsInWindow, tokensInWindow, inFlight };
  }

  /**
   * The state and what `acquire(deploymentId, limits, …, tokens)` would answer now, by the same
   * check in Redis, taking nothing: no request slot, no tokens, no lease. What a refusal says
   * may be stale by the time a request comes; it explains, it does not reserve.
   */
  async peek(deploymentId: string, limits: DeploymentLimits = {}, tokens = 0): Promise<DeploymentPeek> {
    const k = this.keys(deploymentId);
    const reply = await this.commands.reelayLimitPeek(
      k.requests,
      k.tokens,
      k.leases,
      k.cooldown,
      k.failures,
      limits.rpm ?? 0,
      limits.tpm ?? 0,
      limits.maxParallelRequests ?? 0,
      this.windowMs,
      tokens,
      FAILURE_WINDOW_MS,
    );
    const [ttl, reason, requests, tokensUsed, inFlight, failures, refusedFor, retryAfterMs, used, limit] = reply;
    return {
      cooldownUntil: ttl > 0 ? Date.now() + ttl : null,
      cooldownReason: ttl > 0 ? reason : null,
      requestsInWindow: requests,
      tokensInWindow: tokensUsed,
      inFlight,
      failuresInWindow: failures,
      refusal:
        refusedFor === undefined
          ? null
          : { ok: false, reason: refusedFor as LimitReason, retryAfterMs: Math.max(1, Number(retryAfterMs)), used: Number(used), limit: Number(limit) },
    };
  }

  async lastError(deploymentId: string): Promise<LastError | null> {
    const raw = await this.redis.get(this.keys(deploymentId).lastError);
    return raw ? (JSON.parse(raw) as LastError) : null;
  }
}
