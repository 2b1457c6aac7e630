import type { PollSchedule } from './spec/video-model';

/**
 * The shape every adapter starts from; each adds its own job timeout. Tuned with
 * `pnpm bench:p4`: about 8 calls for a 2 min job and 16 for a 6 min one, with a mean
 * detection delay near 5 s + 5 % of the job's length.
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
  /** Injected so tests and benchmarks are deterministic; returns [0, 1). */
  random?: () => number;
}

/**
 * Delay before the next status call. The gap grows with the time the job has already
 * taken (minDelayMs + elapsedFraction × elapsed), so detection delay stays a small share
 * of the job's length while the number of calls grows only with its logarithm. ±20 %
 * jitter spreads many jobs' calls apart. A vendor hint is a floor: never ask sooner than
 * the vendor said; the result never exceeds maxDelayMs.
 */
export function nextPollDelayMs({ schedule, elapsedMs, vendorHintMs, random = Math.random }: NextPollInput): number {
  const gap = (schedule.minDelayMs + schedule.elapsedFraction * Math.max(0, elapsedMs)) * (0.8 + random() * 0.4);
  const floored = Math.max(schedule.minDelayMs, gap, vendorHintMs ?? 0);
  return Math.round(Math.min(schedule.maxDelayMs, floored));
}
