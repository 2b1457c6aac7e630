const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Standard Webhooks' recommended waits after the first (immediate) attempt: about three days
 * in all, so a receiver that is down over a weekend still gets its events.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
]);

/** The first attempt plus one per scheduled retry. */
export const WEBHOOK_MAX_ATTEMPTS: number = 1 + WEBHOOK_RETRY_SCHEDULE_MS.length;

// Jitter spreads the retries of many events that failed together (a receiver outage) so they
// do not all land on the recovering receiver in the same second.
const MAX_JITTER = 0.1;

/**
 * Wait before the next attempt, given how many attempts have failed so far (1 → 5 s).
 * Past the end of the schedule the last step repeats. `random` is injectable for tests.
 */
export function webhookRetryDelayMs(attemptsMade: number, random: () => number = Math.random): number {
  const last = WEBHOOK_RETRY_SCHEDULE_MS.length - 1;
  const index = Math.min(Math.max(Math.floor(attemptsMade) - 1, 0), last);
  const base = WEBHOOK_RETRY_SCHEDULE_MS[index] ?? 0;
  return Math.round(base * (1 + MAX_JITTER * random()));
}
