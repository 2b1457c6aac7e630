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
