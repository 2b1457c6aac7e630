import type { Redis } from 'ioredis';

/** The counters reelay keeps; each is a Redis hash of label values → count. */
export const COUNTER_NAMES = ['video_jobs_finished', 'upstream_calls', 'webhook_attempts', 'chat_requests', 'chat_tokens', 'chat_latency', 'chat_latency_ms_sum'] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

export interface CounterSample {
  labels: string[];
  value: number;
}

/** Label values are joined with a tab, which no model name, deployment id or code contains. */
const SEPARATOR = '\t';

/**
 * Counters every process adds to, kept in Redis so `/metrics` on any api process shows the
 * sum over all workers, and a restart loses nothing.
 */
export class CounterStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    options: { prefix?: string } = {},
  ) {
    this.prefix = options.prefix ?? 'reelay';
  }

  private key(name: CounterName) {
    return `${this.prefix}:counters:${name}`;
  }

  async add(name: CounterName, labels: readonly string[], by = 1): Promise<void> {
    await this.redis.hincrby(this.key(name), labels.join(SEPARATOR), by);
  }

  /** Adds a batch (a worker's buffered counts) in one round trip. */
  async addAll(counts: ReadonlyMap<CounterName, ReadonlyMap<string, number>>): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const [name, byLabels] of counts) for (const [labels, by] of byLabels) pipeline.hincrby(this.key(name), labels, by);
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async read(name: CounterName): Promise<CounterSample[]> {
    const raw = await this.redis.hgetall(this.key(name));
    return Object.entries(raw)
      .map(([labels, value]) => ({ labels: labels.split(SEPARATOR), value: Number(value) }))
      .sort((a, b) => a.labels.join(SEPARATOR).localeCompare(b.labels.join(SEPARATOR)));
  }
}

/**
 * Counts in memory and writes them every few seconds: a status call is counted without a
 * Redis command of its own (thousands a second on a busy worker).
 */
export class CounterBuffer {
  private pending = new Map<CounterName, Map<string, number>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: CounterStore) {}

  count(name: CounterName, labels: readonly string[], by = 1): void {
    let byLabels = this.pending.get(name);
    if (!byLabels) this.pending.set(name, (byLabels = new Map()));
    const key = labels.join(SEPARATOR);
    byLabels.set(key, (byLabels.get(key) ?? 0) + by);
  }

  /** Writes what is counted so far; on failure the counts are kept for the next flush. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.store.addAll(batch);
    } catch (error) {
      for (const [name, byLabels] of batch) for (const [key, by] of byLabels) this.count(name, key.split(SEPARATOR), by);
      throw error;
    }
  }

  start(intervalMs: number, onError: (error: Error) => void): void {
    this.timer ??= setInterval(() => this.flush().catch(onError), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
