import type { Redis } from 'ioredis';

/** How many recent completion times of a deployment are kept, and how many it takes to use them. */
export const COMPLETION_SAMPLES_KEPT = 50;
export const COMPLETION_SAMPLES_NEEDED = 10;

/**
 * The `expectedMs` for nextPollDelayMs from a deployment's recent completion times (submit
 * to the status call that saw it done): their 10th percentile, so that a job that happens
 * to be quick is rarely kept waiting. Undefined until enough jobs have finished.
 */
export function expectedCompletionMs(samplesMs: readonly number[]): number | undefined {
  if (samplesMs.length < COMPLETION_SAMPLES_NEEDED) return undefined;
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return sorted[Math.floor(0.1 * (sorted.length - 1))];
}

interface CachedExpectation {
  expectedMs: number | undefined;
  loadedAt: number;
  loading: boolean;
}

/**
 * How long each deployment's recent jobs took (submit to the status call that saw them
 * done), shared by all workers in Redis, so the poll schedule can spread out the calls
 * long before a job is likely to finish. Reads are served from memory and refreshed in
 * the background once a minute: a status call never waits on this.
 */
export class CompletionTimes {
  private readonly cache = new Map<string, CachedExpectation>();
  private readonly prefix: string;
  private readonly refreshMs: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    options: { prefix?: string; refreshMs?: number; now?: () => number } = {},
  ) {
    this.prefix = options.prefix ?? 'reelay';
    this.refreshMs = options.refreshMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private key(deploymentId: string) {
    return `${this.prefix}:completion-times:{${deploymentId}}`;
  }

  async record(deploymentId: string, ms: number): Promise<void> {
    await this.redis
      .multi()
      .lpush(this.key(deploymentId), Math.round(ms))
      .ltrim(this.key(deploymentId), 0, COMPLETION_SAMPLES_KEPT - 1)
      .exec();
  }

  /** The expected time for nextPollDelayMs, as last read; undefined until known. */
  expected(deploymentId: string): number | undefined {
    const cached = this.cache.get(deploymentId);
    if (!cached || (!cached.loading && this.now() - cached.loadedAt >= this.refreshMs)) void this.refresh(deploymentId);
    return cached?.expectedMs;
  }

  /** Reads the deployment's recent times now (also what `expected` does in the background). */
  async refresh(deploymentId: string): Promise<number | undefined> {
    const cached = this.cache.get(deploymentId) ?? { expectedMs: undefined, loadedAt: 0, loading: false };
    cached.loading = true;
    this.cache.set(deploymentId, cached);
    try {
      const samples = (await this.redis.lrange(this.key(deploymentId), 0, -1)).map(Number);
      cached.expectedMs = expectedCompletionMs(samples);
    } catch {
      // Keep the last value; the schedule works without one.
    } finally {
      cached.loading = false;
      cached.loadedAt = this.now();
    }
    return cached.expectedMs;
  }
}
