import type { PollSchedule } from './spec/video-model';

export interface NextPollInput {
  schedule: PollSchedule;
  /** Status calls made so far for this job (0 before the first). */
  pollsSoFar: number;
  /** The vendor's own hint (`openai-poll-after-ms`, Retry-After), if any. */
  vendorHintMs?: number;
  /** Injected so tests and benchmarks are deterministic; returns [0, 1). */
  random?: () => number;
}

/**
 * Delay before the next status call: the first one near the vendor's typical time, then
 * exponential backoff with ±20 % jitter, clamped to [minDelayMs, maxDelayMs]. A vendor
 * hint wins over our own backoff but is still clamped, so a hostile hint cannot make us
 * hammer or stall.
 */
export function nextPollDelayMs({ schedule, pollsSoFar, vendorHintMs, random = Math.random }: NextPollInput): number {
  const clamp = (ms: number) => Math.min(schedule.maxDelayMs, Math.max(schedule.minDelayMs, Math.round(ms)));
  if (vendorHintMs !== undefined) return clamp(vendorHintMs);
  if (pollsSoFar === 0) return clamp(schedule.initialDelayMs);
  const base = schedule.initialDelayMs * Math.pow(schedule.backoffFactor, pollsSoFar - 1) * 0.5;
  const jitter = 0.8 + random() * 0.4;
  return clamp(base * jitter);
}
