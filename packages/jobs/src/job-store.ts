import type { Redis } from 'ioredis';
import { CounterStore } from './counters';
import { jobRecordSchema, type JobRecord } from './job-record';
import { statusesAllowing, type JobStatus } from './job-state';

/**
 * Applies a patch only if the job's current status is one of ARGV[1] (comma list).
 * Each hash field holds one JSON-encoded record field, so no JSON parsing is needed in Lua.
 * Returns {1, old status, model, provider} when applied, {0, old status} when refused,
 * {-1} when missing.
 */
const GUARDED_UPDATE = `
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return {-1} end
local allowed = false
for s in string.gmatch(ARGV[1], '[^,]+') do
  if ('"' .. s .. '"') == current then allowed = true end
end
if not allowed then return {0, current} end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return {1, current, redis.call('HGET', KEYS[1], 'model'), redis.call('HGET', KEYS[1], 'provider')}
`;

export type JobPatch = Partial<Omit<JobRecord, 'id' | 'owner' | 'createdAt'>>;

export type UpdateResult =
  | { applied: true; previous: JobStatus }
  | { applied: false; reason: 'missing' }
  | { applied: false; reason: 'status'; current: JobStatus };

export interface JobPage {
  data: JobRecord[];
  hasMore: boolean;
}

export interface JobStoreOptions {
  /** Key prefix, so several deployments or test runs can share one Redis. Default `reelay`. */
  prefix?: string;
  /** How long terminal job records are kept, in seconds. Default 30 days. */
  retentionSeconds?: number;
}

/** Vendors keep tasks for a day (DashScope, OpenAI) to a week (Ark's list); a little more. */
const UPSTREAM_OWNER_SECONDS = 8 * 24 * 3600;

/** Job records as Redis hashes, the source of truth the worker resumes from. */
export class JobStore {
  private readonly prefix: string;
  private readonly retentionSeconds: number;
  private readonly counters: CounterStore;

  constructor(
    private readonly redis: Redis,
    options: JobStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? 'reelay';
    this.retentionSeconds = options.retentionSeconds ?? 30 * 24 * 3600;
    this.counters = new CounterStore(redis, { prefix: this.prefix });
    redis.defineCommand('reelayGuardedUpdate', { numberOfKeys: 1, lua: GUARDED_UPDATE });
  }

  private jobKey(id: string) {
    return `${this.prefix}:job:${id}`;
  }

  /** Jobs with work left (not terminal, or terminal with side effects to run), oldest first: what the sweeper checks. */
  private activeKey() {
    return `${this.prefix}:active-jobs`;
  }

  /** Finished videos whose upload failed and waits for another try, by when it first failed (/metrics). */
  private uploadsWaitingKey() {
    return `${this.prefix}:uploads-waiting`;
  }

  /** Which job owns a vendor task, so a lost create's search can leave out other jobs' tasks. */
  private upstreamOwnerKey(upstreamId: string) {
    return `${this.prefix}:upstream-owner:${upstreamId}`;
  }

  private ownerKey(owner: string) {
    return `${this.prefix}:owner:${owner}:videos`;
  }

  async create(record: JobRecord): Promise<void> {
    const fields = encode(record);
    await this.redis
      .multi()
      .hset(this.jobKey(record.id), fields)
      .zadd(this.ownerKey(record.owner), record.createdAt * 1000, record.id)
      .zadd(this.activeKey(), record.createdAt * 1000, record.id)
      .exec();
  }

  async get(id: string): Promise<JobRecord | undefined> {
    return decode(await this.redis.hgetall(this.jobKey(id)));
  }

  /** Several records in one round trip (the poller's batch); undefined where one is gone. */
  async getMany(ids: readonly string[]): Promise<(JobRecord | undefined)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.jobKey(id));
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, raw]) => {
      if (error) throw error;
      return decode(raw as Record<string, string>);
    });
  }

  /**
   * Patches a job. With `to`, the status must be allowed to move there; without, the job
   * must not be terminal. Refused updates change nothing.
   */
  async update(id: string, patch: JobPatch, to?: JobStatus): Promise<UpdateResult> {
    const effectivePatch = to ? { ...patch, status: to } : patch;
    const args: string[] = [statusesAllowing(to).join(',')];
    for (const [field, value] of Object.entries(effectivePatch)) {
      if (value !== undefined) args.push(field, JSON.stringify(value));
    }
    // defineCommand adds the method at run time; ioredis has no static type for it.
    const runner = this.redis as unknown as {
      reelayGuardedUpdate(key: string, ...args: string[]): Promise<[number, string?, string?, string?]>;
    };
    const [applied, current, model, provider] = await runner.reelayGuardedUpdate(this.jobKey(id), ...args);
    if (applied === -1) return { applied: false, reason: 'missing' };
    const previous = JSON.parse(current ?? '""') as JobStatus;
    if (applied === 0) return { applied: false, reason: 'status', current: previous };
    if (to && (to === 'completed' || to === 'failed' || to === 'cancelled')) {
      await this.redis.expire(this.jobKey(id), this.retentionSeconds);
      // Only the update that made the job terminal gets here, so each job counts once.
      const labels = [JSON.parse(model ?? '""') as string, JSON.parse(provider ?? '""') as string, to, patch.error?.code ?? ''];
      await this.counters.add('video_jobs_finished', labels);
    }
    return { applied: true, previous };
  }

  /**
   * Writes internal bookkeeping (step, upstream id) whatever the status: a terminal job
   * still needs to record that its side effects ran, or which upstream task to cancel.
   */
  async writeInternal(id: string, patch: Pick<JobPatch, 'step' | 'upstreamId' | 'deploymentId'>): Promise<void> {
    const fields: Record<string, string> = {};
    for (const [field, value] of Object.entries(patch)) if (value !== undefined) fields[field] = JSON.stringify(value);
    if (Object.keys(fields).length > 0 && (await this.redis.exists(this.jobKey(id)))) await this.redis.hset(this.jobKey(id), fields);
    // Its side effects have run: nothing is left for the sweeper to look after.
    if (patch.step === 'done') await this.redis.zrem(this.activeKey(), id);
  }

  /**
   * Records that a vendor task belongs to a job, for as long as vendors keep tasks (Ark lists
   * 7 days). `exclusive` (a task found again after a crash) claims it only if no other job
   * owns it, so two recovering jobs never adopt one task; returns whether the job owns it now.
   */
  async claimUpstreamTask(upstreamId: string, jobId: string, options: { exclusive: boolean }): Promise<boolean> {
    const key = this.upstreamOwnerKey(upstreamId);
    if (!options.exclusive) {
      await this.redis.set(key, jobId, 'EX', UPSTREAM_OWNER_SECONDS);
      return true;
    }
    if ((await this.redis.set(key, jobId, 'EX', UPSTREAM_OWNER_SECONDS, 'NX')) === 'OK') return true;
    return (await this.redis.get(key)) === jobId;
  }

  /** The vendor tasks among `upstreamIds` that a job other than `jobId` owns. */
  async upstreamTasksOwnedElsewhere(upstreamIds: readonly string[], jobId: string): Promise<Set<string>> {
    if (upstreamIds.length === 0) return new Set();
    const owners = await this.redis.mget(upstreamIds.map((id) => this.upstreamOwnerKey(id)));
    return new Set(upstreamIds.filter((_, index) => owners[index] !== null && owners[index] !== jobId));
  }

  /** Newest first (or oldest first), after the cursor id, like OpenAI's list endpoints. */
  async listByOwner(owner: string, options: { limit: number; after?: string; order: 'asc' | 'desc' }): Promise<JobPage> {
    const key = this.ownerKey(owner);
    let start = 0;
    if (options.after) {
      const rank = options.order === 'desc' ? await this.redis.zrevrank(key, options.after) : await this.redis.zrank(key, options.after);
      if (rank === null) return { data: [], hasMore: false };
      start = rank + 1;
    }
    const stop = start + options.limit; // one extra to learn has_more
    const ids = options.order === 'desc' ? await this.redis.zrevrange(key, start, stop) : await this.redis.zrange(key, start, stop);
    const page = ids.slice(0, options.limit);
    const records: JobRecord[] = [];
    for (const [i, record] of (await this.getMany(page)).entries()) {
      if (record) records.push(record);
      else await this.redis.zrem(key, page[i]!); // expired record: drop it from the index
    }
    return { data: records, hasMore: ids.length > options.limit };
  }

  async delete(record: JobRecord): Promise<void> {
    await this.redis
      .multi()
      .del(this.jobKey(record.id))
      .zrem(this.ownerKey(record.owner), record.id)
      .zrem(this.activeKey(), record.id)
      .zrem(this.uploadsWaitingKey(), record.id)
      .exec();
  }

  /** A page of the ids of jobs with work left that were created before `createdBeforeMs`, oldest first. */
  async activeIds(createdBeforeMs: number, page: { offset: number; limit: number }): Promise<string[]> {
    return this.redis.zrangebyscore(this.activeKey(), '-inf', createdBeforeMs, 'LIMIT', page.offset, page.limit);
  }

  /** A finished video's upload failed and waits for another try; `since` is kept from the first failure. */
  async markUploadWaiting(id: string, since: number): Promise<void> {
    await this.redis.zadd(this.uploadsWaitingKey(), 'NX', since, id);
  }

  /** When the video's first upload failure was, if it is still waiting. */
  async uploadWaitingSince(id: string): Promise<number | undefined> {
    const score = await this.redis.zscore(this.uploadsWaitingKey(), id);
    return score === null ? undefined : Number(score);
  }

  async forgetUploadWaiting(id: string): Promise<void> {
    await this.redis.zrem(this.uploadsWaitingKey(), id);
  }

  /** How many finished videos wait for a working S3 (or download) now. */
  async uploadsWaiting(): Promise<number> {
    return this.redis.zcard(this.uploadsWaitingKey());
  }

  /** Drops an id from the active index (its record is gone or terminal). */
  async forgetActive(id: string): Promise<void> {
    await this.redis.zrem(this.activeKey(), id);
  }
}

function encode(record: JobRecord): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [field, value] of Object.entries(record)) fields[field] = JSON.stringify(value);
  return fields;
}

function decode(raw: Record<string, string>): JobRecord | undefined {
  if (!raw.status) return undefined;
  const decoded: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) decoded[field] = JSON.parse(value);
  return jobRecordSchema.parse(decoded);
}
