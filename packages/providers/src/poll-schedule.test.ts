import { describe, expect, it } from 'vitest';
import { nextPollDelayMs } from './poll-schedule';

const schedule = { initialDelayMs: 20_000, minDelayMs: 1_000, maxDelayMs: 30_000, backoffFactor: 1.5, timeoutMs: 3_600_000 };

describe('poll schedule', () => {
  it('first poll near the typical completion time, then backs off to the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6].map((n) => nextPollDelayMs({ schedule, pollsSoFar: n, random: () => 0.5 }));
    expect(delays[0]).toBe(20_000);
    for (let i = 2; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays.at(-1)).toBe(30_000);
  });

  it('jitter stays within ±20 %', () => {
    const low = nextPollDelayMs({ schedule, pollsSoFar: 2, random: () => 0 });
    const high = nextPollDelayMs({ schedule, pollsSoFar: 2, random: () => 0.999999 });
    expect(low).toBe(Math.round(20_000 * 1.5 * 0.5 * 0.8));
    expect(high).toBe(Math.round(20_000 * 1.5 * 0.5 * 1.2));
  });

  it('a vendor hint wins but is clamped to [min, max]', () => {
    expect(nextPollDelayMs({ schedule, pollsSoFar: 3, vendorHintMs: 5_000 })).toBe(5_000);
    expect(nextPollDelayMs({ schedule, pollsSoFar: 3, vendorHintMs: 10 })).toBe(1_000);
    expect(nextPollDelayMs({ schedule, pollsSoFar: 3, vendorHintMs: 10_000_000 })).toBe(30_000);
  });
});
