import { CliError } from './cli-error';
import { isTerminalStatus, type JobView } from './job-view';
import type { FetchedJob, ReelayApi } from './reelay-api';

export interface WaitOptions {
  api: Pick<ReelayApi, 'getJob'>;
  id: string;
  /** Between status reads; a Retry-After from the api stretches it. */
  intervalMs: number;
  /** Aborted on Ctrl-C: the wait ends with the signal's reason. */
  signal: AbortSignal;
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  onJob(fetched: FetchedJob): void;
  /** About once a second between reads (the TTY line moves its elapsed time). */
  onTick(): void;
  /** A read failed but will be tried again (the api restarting, a 503 or 429). */
  onRetry(error: CliError, giveUpInMs: number): void;
  /** How long reads may keep failing before the wait gives up. Default 120 000. */
  giveUpAfterMs?: number;
}

const TICK_MS = 1000;
/** Waits after a failed read, longest last; a Retry-After wins when the api sends one. */
const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000];

/**
 * Reads GET /v1/jobs/:id until the job is terminal. Reads that fail for a while (api
 * restarting, Redis blip) are retried; an answer that will not change (401, 404) ends it.
 */
export async function waitForJob(options: WaitOptions): Promise<JobView> {
  const giveUpAfterMs = options.giveUpAfterMs ?? 120_000;
  let failingSince: number | undefined;
  let failures = 0;
  for (;;) {
    let delayMs: number;
    try {
      const fetched = await options.api.getJob(options.id, options.signal);
      failingSince = undefined;
      failures = 0;
      options.onJob(fetched);
      if (isTerminalStatus(fetched.job.status)) return fetched.job;
      delayMs = Math.max(options.intervalMs, fetched.retryAfterMs ?? 0);
    } catch (error) {
      if (!(error instanceof CliError) || !error.options.transient) throw error;
      failingSince ??= options.now();
      const left = giveUpAfterMs - (options.now() - failingSince);
      if (left <= 0) throw error;
      delayMs = Math.min(left, error.options.retryAfterMs ?? RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]!);
      failures += 1;
      options.onRetry(error, left);
    }
    await pause(delayMs, options);
  }
}

async function pause(ms: number, options: WaitOptions): Promise<void> {
  const until = options.now() + ms;
  for (let left = ms; left > 0; left = until - options.now()) {
    await options.sleep(Math.min(left, TICK_MS), options.signal);
    options.onTick();
  }
}

/** A sleep that ends early, rejecting, when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
