import type { PollSchedule } from '../contract/video-model';

/**
 * The shape every adapter starts from; each adds its own job timeout. Tuned with
 * `pnpm bench:p4`: about 8 calls for a 2 min job and 16 for a 6 min one, with a mean
 * detection delay near 5 s + 5 % of the job's length, before a deployment's job lengths
 * are known; about 6 and 9 calls once they are.
 */
export const BASE_POLL_SCHEDULE: Omit<PollSchedule, 'timeoutMs'> = {
  initialDelayMs: 20_000,
  minDelayMs: 10_000,
  maxDelayMs: 60_000,
  elapsedFraction: 0.1,
};

/** The first status call after submit: near the vendor's fastest typical completion. */
export function firstPollDelayMs(schedule: PollSchedule): number {
  return Math.min(schedule.maxDelayMs, Math.max(schedule.minDelayMs, schedule.initialDelayMs));
}

export interface NextPollInput {
  schedule: PollSchedule;
  /** Time since the create was sent. */
  elapsedMs: number;
  /** The vendor's own hint (`openai-poll-after-ms`, Retry-After), if any. */
  vendorHintMs?: number;
  /**
   * How long this deployment's recent jobs took at the least (their 10th percentile), once
   * enough have finished; undefined before that.
   */
  expectedMs?: number;
  /** Injected so tests and benchmarks are deterministic; returns [0, 1). */
  random?: () => number;
}

/** Until this share of the expected time, each call closes half the distance to it. */
const APPROACH_SHARE = 0.8;
/** From the approach until this share of the expected time, jobs usually finish: watch closely. */
const CLOSE_WATCH_UNTIL_SHARE = 1.5;
const CLOSE_WATCH_FACTOR = 0.75;

/**
 * Delay before the next status call. The gap grows with the time the job has already
 * taken (minDelayMs + elapsedFraction × elapsed), so detection delay stays a small share
 * of the job's length while the number of calls grows only with its logarithm.
 *
 * When the deployment's recent jobs say when this one will probably finish (`expectedMs`),
 * calls long before that are spread out (each closes half the distance to 80 % of it) and
 * the calls around it come a quarter closer together: fewer calls and a shorter detection
 * delay (`pnpm bench:p4` prints both schedules).
 *
 * ±20 % jitter spreads many jobs' calls apart. A vendor hint is a floor: never ask sooner
 * than the vendor said; the result stays within [minDelayMs, maxDelayMs].
 */
export function nextPollDelayMs({ schedule, elapsedMs, vendorHintMs, expectedMs, random = Math.random }: NextPollInput): number {
  const elapsed = Math.max(0, elapsedMs);
  let gap = schedule.minDelayMs + schedule.elapsedFraction * elapsed;
  if (expectedMs !== undefined && expectedMs > 0) {
    const approach = APPROACH_SHARE * expectedMs;
    if (elapsed < approach) gap = Math.max(gap, (approach - elapsed) / 2);
    else if (elapsed < CLOSE_WATCH_UNTIL_SHARE * expectedMs) gap *= CLOSE_WATCH_FACTOR;
  }
  const jittered = gap * (0.8 + random() * 0.4);
  const floored = Math.max(schedule.minDelayMs, jittered, vendorHintMs ?? 0);
  return Math.round(Math.min(schedule.maxDelayMs, floored));
}
