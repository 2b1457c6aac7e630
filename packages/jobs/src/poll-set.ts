import type { Redis } from 'ioredis';

/**
 * Claims up to ARGV[2] members due by ARGV[1] and pushes each one's score to ARGV[3]
 * (the claim's expiry): a worker that dies holding a claim lets the task fall due again.
 * ARGV[4] > 0 caps the claims of all workers per second (KEYS[3] counts them). The count
 * of the last second is estimated as the previous second's share still inside it plus this
 * second's, so no burst at a second's edge can reach twice the cap.
 * Returns {claimed ids, earliest remaining score or false, ms to wait before claiming again
 * (a pause, or this second's budget spent; 0 = none)}.
 */
const CLAIM_DUE = `
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {{}, false, paused} end
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local perSecond = tonumber(ARGV[4])
local second = math.floor(now / 1000)
local used, prev = 0, 0
if perSecond > 0 then
  local stored = tonumber(redis.call('HGET', KEYS[3], 'second')) or -1
  if stored == second then
    used = tonumber(redis.call('HGET', KEYS[3], 'used')) or 0
    prev = tonumber(redis.call('HGET', KEYS[3], 'prev')) or 0
  elseif stored == second - 1 then
    prev = tonumber(redis.call('HGET', KEYS[3], 'used')) or 0
  end
  local estimate = prev * (1 - (now - second * 1000) / 1000) + used
  local allowed = math.floor(perSecond - estimate)
  if allowed < 1 then
    local wait = (second + 1) * 1000 - now
    if prev > 0 then wait = math.min(wait, math.ceil((estimate - perSecond + 1) * 1000 / prev)) end
    return {{}, false, math.max(1, wait)}
  end
  max = math.min(max, allowed)
end
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, max)
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[3], id) end
if perSecond > 0 and #ids > 0 then
  redis.call('HSET', KEYS[3], 'second', second, 'used', used + #ids, 'prev', prev)
  redis.call('PEXPIRE', KEYS[3], 3000)
end
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {ids, head[2] or false, 0}
`;

export interface ClaimedPolls {
  jobIds: string[];
  /** When the earliest task still in the set falls due (ms epoch); undefined when none. */
  nextDueAt: number | undefined;
  /** > 0 when no claims may be made for this long: the lane is paused (a provider-wide 429) or this second's status-call budget is spent. */
  pausedForMs: number;
}

/**
 * The upstream tasks a lane (one provider's queue) is waiting on: a Redis sorted set of job
 * ids scored by when their next status call is due. Every worker process claims due tasks
 * in batches, so a status call costs one HTTP request and a share of two Redis calls,
 * not a BullMQ job wake-up (about ten Redis commands). P3 measures the difference.
 */
export class PollSet {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    options: { prefix?: string } = {},
  ) {
    this.prefix = options.prefix ?? 'reelay';
    redis.defineCommand('reelayClaimDuePolls', { numberOfKeys: 3, lua: CLAIM_DUE });
  }

  /** The braces keep a lane's keys in one Cluster slot, since the claim script reads both. */
  private key(lane: string) {
    return `${this.prefix}:polls:{${lane}}`;
  }

  private pauseKey(lane: string) {
    return `${this.prefix}:polls:{${lane}}:paused`;
  }

  private rateKey(lane: string) {
    return `${this.prefix}:polls:{${lane}}:rate`;
  }

  /** Starts watching a task, unless it is watched already (a repeated submit step). */
  async watch(lane: string, jobId: string, dueAt: number): Promise<void> {
    await this.redis.zadd(this.key(lane), 'NX', dueAt, jobId);
  }

  /** Sets the next status call of watched tasks in one command; a task no longer watched stays out. */
  async reschedule(lane: string, due: ReadonlyMap<string, number>): Promise<void> {
    if (due.size === 0) return;
    const args: (string | number)[] = [];
    for (const [jobId, dueAt] of due) args.push(dueAt, jobId);
    await this.redis.zadd(this.key(lane), 'XX', ...args);
  }

  /**
   * Makes a watched task due now (after a cancel); does nothing to a task not watched.
   * True when the task is watched here, so its lane's pollers will settle it.
   */
  async wake(lane: string, jobId: string): Promise<boolean> {
    const replies = await this.redis.multi().zadd(this.key(lane), 'XX', 0, jobId).zscore(this.key(lane), jobId).exec();
    return replies?.[1]?.[1] != null;
  }

  /**
   * Keeps the claims of tasks whose status calls are still running until `until`, so a slow
   * call is not claimed again by another worker. `GT`: a next call already written later than
   * that is left alone.
   */
  async extendClaims(lane: string, jobIds: readonly string[], until: number): Promise<void> {
    if (jobIds.length === 0) return;
    await this.redis.zadd(this.key(lane), 'XX', 'GT', ...jobIds.flatMap((id) => [until, id]));
  }

  async unwatch(lane: string, jobId: string): Promise<void> {
    await this.redis.zrem(this.key(lane), jobId);
  }

  /** `perSecond`: the most status calls all workers together start on this lane in one second. */
  async claimDue(lane: string, options: { now: number; max: number; claimMs: number; perSecond?: number }): Promise<ClaimedPolls> {
    const runner = this.redis as unknown as {
      reelayClaimDuePolls(key: string, pauseKey: string, rateKey: string, now: number, max: number, claimUntil: number, perSecond: number): Promise<[string[], string | null, number]>;
    };
    const [jobIds, head, pausedForMs] = await runner.reelayClaimDuePolls(
      this.key(lane),
      this.pauseKey(lane),
      this.rateKey(lane),
      Math.floor(options.now),
      options.max,
      options.now + options.claimMs,
      options.perSecond ?? 0,
    );
    return { jobIds, nextDueAt: head === null ? undefined : Number(head), pausedForMs };
  }

  /** Stops every worker's claims on this lane for `ms` (a provider-wide 429 on status calls). */
  async pause(lane: string, ms: number): Promise<void> {
    await this.redis.set(this.pauseKey(lane), '1', 'PX', Math.max(1, Math.round(ms)));
  }

  async size(lane: string): Promise<number> {
    return this.redis.zcard(this.key(lane));
  }

  /** Tasks whose status call is overdue: a backlog that grows means the lane needs more pollers. */
  async dueCount(lane: string, now: number): Promise<number> {
    return this.redis.zcount(this.key(lane), '-inf', now);
  }

  async dueAt(lane: string, jobId: string): Promise<number | undefined> {
    const score = await this.redis.zscore(this.key(lane), jobId);
    return score === null ? undefined : Number(score);
  }
}
