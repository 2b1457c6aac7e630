import { describe, expect, it } from 'vitest';
import { expectedCompletionMs } from './completion-times';

describe('expectedCompletionMs', () => {
  it('is the 10th percentile of recent completion times, once ten jobs have finished', () => {
    expect(expectedCompletionMs([1, 2, 3, 4, 5, 6, 7, 8, 9].map((s) => s * 1000))).toBeUndefined();
    expect(expectedCompletionMs([100, 30, 90, 40, 80, 50, 70, 60, 20, 110, 10].map((s) => s * 1000))).toBe(20_000);
  });
});
