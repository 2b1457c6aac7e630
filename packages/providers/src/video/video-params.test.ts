import { describe, expect, it } from 'vitest';
import { pollScheduleFromParams } from './video-params';

describe('pollScheduleFromParams', () => {
  it('reads reelay poll keys in seconds into a poll schedule in ms', () => {
    expect(
      pollScheduleFromParams({ model: 'openai/sora-2', poll_initial_seconds: 30, poll_min_seconds: 2.5, poll_max_seconds: 60, poll_elapsed_fraction: 0.2, job_timeout_seconds: 1800 }),
    ).toEqual({ initialDelayMs: 30_000, minDelayMs: 2_500, maxDelayMs: 60_000, elapsedFraction: 0.2, timeoutMs: 1_800_000 });
  });

  it('takes numbers that came from os.environ/ as strings', () => {
    expect(pollScheduleFromParams({ poll_min_seconds: '5', job_timeout_seconds: ' 600 ' })).toEqual({ minDelayMs: 5_000, timeoutMs: 600_000 });
  });

  it('is empty when nothing is configured', () => {
    expect(pollScheduleFromParams({ model: 'openai/sora-2', rpm: 10 })).toEqual({});
  });
});
