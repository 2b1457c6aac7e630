import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error';
import type { JobView } from './job-view';
import type { FetchedJob } from './reelay-api';
import { waitForJob } from './wait-for-job';

const job = (status: string, progress: number): JobView => ({
  id: 'video_0123456789abcdef01234567',
  status,
  progress,
  model: 'sora-2',
  prompt: 'p',
  createdAt: 0,
  completedAt: null,
  error: null,
  output: null,
  routing: null,
  warnings: [],
});

/** A scripted api on a scripted clock: each read answers the next step; sleeping moves the clock. */
function scripted(steps: Array<FetchedJob | CliError>) {
  let clock = 0;
  const reads: number[] = [];
  const api = {
    async getJob() {
      reads.push(clock);
      const step = steps.shift();
      if (!step) throw new Error('read after the script ended');
      if (step instanceof CliError) throw step;
      return step;
    },
  };
  const retries: string[] = [];
  return {
    reads,
    retries,
    options: {
      api,
      id: 'video_0123456789abcdef01234567',
      intervalMs: 2000,
      signal: new AbortController().signal,
      now: () => clock,
      async sleep(ms: number) {
        clock += ms;
      },
      onJob() {},
      onTick() {},
      onRetry: (error: CliError) => void retries.push(error.message),
      giveUpAfterMs: 30_000,
    },
  };
}

describe('waitForJob', () => {
  it('reads every interval until the job is terminal, waiting longer when the api sends Retry-After', async () => {
    const run = scripted([{ job: job('queued', 0), raw: {} }, { job: job('in_progress', 40), raw: {}, retryAfterMs: 5000 }, { job: job('completed', 100), raw: {} }]);
    expect((await waitForJob(run.options)).status).toBe('completed');
    expect(run.reads).toEqual([0, 2000, 7000]);
  });

  it('retries while the api is unreachable or answers 503, honouring its Retry-After, then goes on', async () => {
    const down = new CliError('cannot reach the reelay api', { transient: true });
    const busy = new CliError('the api answered 503', { transient: true, status: 503, retryAfterMs: 7000 });
    const run = scripted([down, busy, { job: job('failed', 50), raw: {} }]);
    expect((await waitForJob(run.options)).status).toBe('failed');
    expect(run.reads).toEqual([0, 1000, 8000]);
    expect(run.retries).toEqual(['cannot reach the reelay api', 'the api answered 503']);
  });

  it('gives up after giveUpAfterMs of failed reads, and at once on an answer that will not change', async () => {
    const down = () => new CliError('cannot reach the reelay api', { transient: true });
    const run = scripted(Array.from({ length: 20 }, down));
    await expect(waitForJob(run.options)).rejects.toThrow('cannot reach the reelay api');
    expect(run.reads.at(-1)).toBe(30_000);

    const refused = scripted([new CliError('the api answered 401 invalid_api_key: …', { status: 401 })]);
    await expect(waitForJob(refused.options)).rejects.toThrow('401');
    expect(refused.reads).toEqual([0]);
  });
});
