import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { probeAll, type Finding } from '@reelay/probes';
import type { Registry } from '@reelay/registry';

export interface HealthRound {
  checkedAt: string;
  findings: Finding[];
}

export interface DeploymentHealthOptions {
  prefix?: string;
  /** A round younger than this is answered from the cache. */
  freshSeconds?: number;
  concurrency?: number;
  timeoutMs?: number;
  /** Waits between looks at Redis while another process runs the round. */
  pollMs?: number;
}

/**
 * The probes of `reelay doctor --live` behind `GET /health`, run at most once per round across
 * every api process: the first process to find the cached round stale takes a Redis lock and
 * probes; the others wait for its result instead of calling the vendors again, so replicas never
 * multiply the calls (a probe can cost a few tokens). Nothing runs until someone asks.
 */
export class DeploymentHealth {
  private readonly reportKey: string;
  private readonly lockKey: string;
  private readonly freshMs: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  /** This process's own round in flight: concurrent requests share it. */
  private running: Promise<HealthRound> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly registry: Registry,
    private readonly logger: Logger,
    options: DeploymentHealthOptions = {},
  ) {
    const prefix = options.prefix ?? 'reelay';
    this.reportKey = `${prefix}:health:round`;
    this.lockKey = `${prefix}:health:lock`;
    this.freshMs = 1000 * (options.freshSeconds ?? 60);
    this.concurrency = options.concurrency ?? 4;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.pollMs = options.pollMs ?? 250;
  }

  /** The latest round, probing first when the cached one is stale; `cached` says which. */
  async current(): Promise<HealthRound & { cached: boolean }> {
    const cached = await this.cachedRound();
    if (cached && Date.now() - Date.parse(cached.checkedAt) < this.freshMs) return { ...cached, cached: true };
    this.running ??= this.coordinatedRound(cached).finally(() => {
      this.running = undefined;
    });
    const round = await this.running;
    return { ...round, cached: false };
  }

  private async coordinatedRound(stale: HealthRound | undefined): Promise<HealthRound> {
    // Long enough for the slowest round: every deployment timing out, `concurrency` at a time.
    const budgetMs = this.timeoutMs * Math.ceil(Math.max(1, this.registry.deployments.length) / this.concurrency) + 5_000;
    let locked: boolean;
    try {
      locked = (await this.redis.set(this.lockKey, String(process.pid), 'PX', budgetMs, 'NX')) === 'OK';
    } catch (error) {
      // Without Redis there is nobody to share with: this process probes for itself.
      this.logger.warn({ err: (error as Error).message }, 'health: Redis unreachable, probing without coordination');
      return this.probe();
    }
    if (!locked) return this.awaitOtherRound(stale, budgetMs);
    try {
      const round = await this.probe();
      await this.redis.set(this.reportKey, JSON.stringify(round), 'EX', Math.ceil((10 * this.freshMs) / 1000)).catch(() => undefined);
      return round;
    } finally {
      await this.redis.del(this.lockKey).catch(() => undefined);
    }
  }

  private async awaitOtherRound(stale: HealthRound | undefined, budgetMs: number): Promise<HealthRound> {
    const deadline = Date.now() + budgetMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      const round = await this.cachedRound();
      if (round && round.checkedAt !== stale?.checkedAt) return round;
      // The prober died (its lock expired): this process takes over.
      if ((await this.redis.exists(this.lockKey).catch(() => 1)) === 0) return this.coordinatedRound(stale);
    }
    if (stale) return stale;
    return this.probe();
  }

  private async probe(): Promise<HealthRound> {
    const findings = await probeAll(this.registry.deployments, { concurrency: this.concurrency, timeoutMs: this.timeoutMs });
    return { checkedAt: new Date().toISOString(), findings };
  }

  private async cachedRound(): Promise<HealthRound | undefined> {
    const raw = await this.redis.get(this.reportKey).catch(() => null);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as HealthRound;
    } catch {
      return undefined;
    }
  }
}
