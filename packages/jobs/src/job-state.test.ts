import { describe, expect, it } from 'vitest';
import { JOB_STATUSES, canTransition, isTerminal, statusesAllowing } from './job-state';

describe('job state machine', () => {
  it('follows queued → in_progress → completed', () => {
    expect(canTransition('queued', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'completed')).toBe(true);
  });

  it('never leaves a terminal status', () => {
    for (const from of ['completed', 'failed', 'cancelled'] as const) {
      expect(isTerminal(from)).toBe(true);
      for (const to of JOB_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('does not go backwards from in_progress to queued, nor complete a job never started', () => {
    expect(canTransition('in_progress', 'queued')).toBe(false);
    expect(canTransition('queued', 'completed')).toBe(false);
  });

  it('lists the statuses that permit a move', () => {
    expect(statusesAllowing('cancelled')).toEqual(['queued', 'in_progress']);
    expect(statusesAllowing()).toEqual(['queued', 'in_progress']);
  });
});
