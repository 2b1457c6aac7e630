import { describe, expect, it } from 'vitest';
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_SCHEDULE_MS, webhookRetryDelayMs } from './retry-schedule';

describe('webhook retry schedule', () => {
  it('follows the Standard Webhooks schedule: about three days after the first attempt', () => {
    expect(WEBHOOK_RETRY_SCHEDULE_MS.map((ms) => ms / 1000)).toEqual([
      5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400,
    ]);
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(10);
  });

  it('waits 5 s (plus up to 10 % jitter) after the first failure', () => {
    expect(webhookRetryDelayMs(1, () => 0)).toBe(5000);
    expect(webhookRetryDelayMs(1, () => 0.999)).toBeLessThanOrEqual(5500);
    for (let i = 0; i < 100; i += 1) {
      const delay = webhookRetryDelayMs(1);
      expect(delay).toBeGreaterThanOrEqual(5000);
      expect(delay).toBeLessThanOrEqual(5500);
    }
  });

  it('grows with each failure and caps at the last step', () => {
    const delays = Array.from({ length: 12 }, (_, index) => webhookRetryDelayMs(index + 1, () => 0));
    for (let i = 1; i < WEBHOOK_RETRY_SCHEDULE_MS.length; i += 1) {
      expect(delays[i]).toBeGreaterThan(delays[i - 1] ?? Infinity);
    }
    expect(delays.slice(8)).toEqual([86_400_000, 86_400_000, 86_400_000, 86_400_000]);
  });

  it('treats zero failures like the first', () => {
    expect(webhookRetryDelayMs(0, () => 0)).toBe(5000);
  });
});
