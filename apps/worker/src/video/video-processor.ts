import { DelayedError, RateLimitError, type Job } from 'bullmq';
import { isTerminal, type JobRecord, type VideoJobPayload } from '@reelay/jobs';
import { UpstreamError } from '@reelay/providers';
import { failJob } from './finish-job';
import { pollStep } from './poll-step';
import { settleTerminal } from './settle-terminal';
import { storeStep } from './store-step';
import { recoverInterruptedSubmit, submitStep } from './submit-step';
import type { StepOutcome, VideoJobContext } from './video-job-context';

/**
 * Processor for the `video-<provider>` queues. It reads the job record (the truth),
 * runs the step the record is at, and either finishes or parks the BullMQ job with
 * moveToDelayed + DelayedError until the next status call.
 */
export function createVideoProcessor(ctx: VideoJobContext, rateLimitQueue: (queueName: string, ms: number) => Promise<void>) {
  return async (job: Job<VideoJobPayload>, token?: string): Promise<string> => {
    const record = await ctx.store.get(job.data.jobId);
    if (!record) {
      ctx.logger.warn({ jobId: job.data.jobId }, 'video job record not found (expired or deleted); dropping the queue entry');
      return 'missing';
    }
    if (isTerminal(record.status)) {
      await settleTerminal(ctx, record);
      return record.status;
    }

    let outcome: StepOutcome;
    try {
      outcome = await runStep(ctx, record);
    } catch (error) {
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 < attempts) throw error; // BullMQ retries the step with backoff
      const current = (await ctx.store.get(record.id)) ?? record;
      const code = error instanceof UpstreamError ? error.code : current.step === 'store' ? 'storage_error' : 'internal_error';
      await failJob(ctx, current, code, `Gave up after ${attempts} attempts at step "${current.step}": ${(error as Error).message}`);
      return 'failed';
    }
    if (outcome.kind === 'wait') {
      await job.moveToDelayed(Date.now() + outcome.delayMs, token);
      throw new DelayedError();
    }
    if (outcome.kind === 'rate_limited') {
      // BullMQ puts the job back in wait and no worker takes from this queue until the limit expires.
      await rateLimitQueue(job.queueName, outcome.delayMs);
      throw new RateLimitError();
    }
    return 'done';
  };
}

function runStep(ctx: VideoJobContext, record: JobRecord): Promise<StepOutcome> {
  switch (record.step) {
    case 'submit':
      return submitStep(ctx, record);
    case 'submitting':
      return recoverInterruptedSubmit(ctx, record);
    case 'poll':
      return pollStep(ctx, record);
    case 'store':
      return storeStep(ctx, record);
    case 'done':
      return Promise.resolve({ kind: 'done' });
  }
}
