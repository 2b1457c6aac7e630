import { describe, expect, it } from 'vitest';
import { firstPollDelayMs, nextPollDelayMs } from './poll-schedule';

const schedule = { initialDelayMs: 20_000, minDelayMs: 10_000, maxDelayMs: 60_000, elapsedFraction: 0.1, timeoutMs: 3_600_000 };
const middle = () => 0.5; // no jitter

describe('poll schedule', () => {
  it('first call near the typical completion time', () => {
    expect(firstPollDelayMs(schedule)).toBe(20_000);
    expect(firstPollDelayMs({ ...schedule, initialDelayMs: 1_000 })).toBe(10_000);
  });

  it('the gap grows with the job’s age and stops at the cap', () => {
    expect(nextPollDelayMs({ schedule, elapsedMs: 20_000, random: middle })).toBe(12_000);
    expect(nextPollDelayMs({ schedule, elapsedMs: 300_000, random: middle })).toBe(40_000);
    expect(nextPollDelayMs({ schedule, elapsedMs: 3_000_000, random: middle })).toBe(60_000);
  });

  it('jitter stays within ±20 % and never below the minimum gap', () => {
    expect(nextPollDelayMs({ schedule, elapsedMs: 300_000, random: () => 0 })).toBe(32_000);
    expect(nextPollDelayMs({ schedule, elapsedMs: 300_000, random: () => 0.999999 })).toBe(48_000);
    expect(nextPollDelayMs({ schedule, elapsedMs: 0, random: () => 0 })).toBe(10_000);
  });

  it('a vendor hint is a floor (never ask sooner than the vendor said), still capped', () => {
    expect(nextPollDelayMs({ schedule, elapsedMs: 20_000, vendorHintMs: 30_000, random: middle })).toBe(30_000);
    expect(nextPollDelayMs({ schedule, elapsedMs: 20_000, vendorHintMs: 1_000, random: middle })).toBe(12_000);
    expect(nextPollDelayMs({ schedule, elapsedMs: 20_000, vendorHintMs: 10_000_000, random: middle })).toBe(60_000);
  });
});

describe('poll schedule with an expected completion time (learned from the deployment’s recent jobs)', () => {
  const expectedMs = 300_000; // recent jobs took at least 5 min

  it('long before it, each call closes half the distance to 80 % of it (within the cap)', () => {
    expect(nextPollDelayMs({ schedule, elapsedMs: 20_000, expectedMs, random: middle })).toBe(60_000); // 110 s wanted, capped
    expect(nextPollDelayMs({ schedule, elapsedMs: 180_000, expectedMs, random: middle })).toBe(30_000); // (240 - 180) / 2
    expect(nextPollDelayMs({ schedule, elapsedMs: 230_000, expectedMs, random: middle })).toBe(33_000); // the age-based gap is larger
  });

  it('around it the gap is a quarter shorter than without it, and back to normal well past it', () => {
    expect(nextPollDelayMs({ schedule, elapsedMs: 300_000, expectedMs, random: middle })).toBe(30_000); // 40 s × 0.75
    expect(nextPollDelayMs({ schedule, elapsedMs: 500_000, expectedMs, random: middle })).toBe(60_000);
  });

  it('never below the minimum gap nor above the cap, and a vendor hint still wins', () => {
    expect(nextPollDelayMs({ schedule, elapsedMs: 25_000, expectedMs: 30_000, random: () => 0 })).toBe(10_000);
    expect(nextPollDelayMs({ schedule, elapsedMs: 300_000, expectedMs, vendorHintMs: 45_000, random: middle })).toBe(45_000);
  });
});
