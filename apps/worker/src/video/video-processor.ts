import { DelayedError, RateLimitError, type Job } from 'bullmq';
import { isTerminal, type JobRecord, type VideoJobPayload } from '@reelay/jobs';
import { UpstreamError } from '@reelay/providers';
import { failJob } from './finish-job';
import { settleTerminal } from './settle-terminal';
import { storeStep } from './store-step';
import { taskLane } from './task-lane';
import { recoverInterruptedSubmit } from './recover-submit';
import { submitStep } from './submit-step';
import type { StepOutcome, VideoJobContext } from './video-job-context';

/**
 * Thrown whenever a submit waits again for capacity. BullMQ tells it by name and keeps
 * nothing from it, so one instance serves: no Error (and stack trace) is built per wait.
 */
const WAIT_AGAIN = new DelayedError();

/**
 * Processor for the `video-<provider>` queues. It reads the job record (the truth) and runs
 * the step the record is at: submit (or waits for capacity with moveToDelayed +
 * DelayedError), then hands the upstream task to the lane's PollSet; the store step comes
 * back here from the poller.
 */
export function createVideoProcessor(ctx: VideoJobContext, rateLimitQueue: (ms: number) => Promise<void>) {
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
      if (job.attemptsMade + 1 < attempts) {
        // BullMQ retries the step with backoff; each failed attempt says why.
        ctx.logger.warn({ jobId: record.id, step: record.step, attempt: job.attemptsMade + 1, attempts, err: (error as Error).message }, `step ${record.step} failed; retrying with backoff`);
        throw error;
      }
      const current = (await ctx.store.get(record.id)) ?? record;
      const code = error instanceof UpstreamError ? error.code : current.step === 'store' ? 'storage_error' : 'internal_error';
      await failJob(ctx, current, code, `Gave up after ${attempts} attempts at step "${current.step}": ${(error as Error).message}`);
      return 'failed';
    }
    if (outcome.kind === 'watch' || outcome.kind === 'poll') {
      // The task exists upstream: from here the pollers of its provider's lane watch it, not this
      // BullMQ job. (Only the poller's own status calls end in `poll`; then this queue is the lane.)
      const lane = outcome.kind === 'watch' ? outcome.lane : job.queueName;
      await ctx.polls.watch(lane, record.id, ctx.now() + outcome.delayMs);
      return 'polling';
    }
    if (outcome.kind === 'store') {
      // The poller hands finished videos to a BullMQ entry at step `store`, so no step run
      // here ends this way; should one, the video is stored rather than dropped.
      const current = await ctx.store.get(record.id);
      if (current) await storeStep(ctx, current);
      return 'done';
    }
    if (outcome.kind === 'wait') {
      await job.moveToDelayed(Date.now() + outcome.delayMs, token);
      throw WAIT_AGAIN;
    }
    if (outcome.kind === 'rate_limited') {
      // BullMQ puts the job back in wait and no worker takes from this queue until the limit expires.
      await rateLimitQueue(outcome.delayMs);
      throw new RateLimitError();
    }
    return 'done';
  };
}

/** Watch the task in the lane of the deployment that holds it (else here: the poll step fails it). */
function watchHere(ctx: VideoJobContext, record: JobRecord): StepOutcome {
  const target = taskLane(ctx, record);
  return target ? { kind: 'watch', lane: target.lane, delayMs: 0 } : { kind: 'poll', delayMs: 0 };
}

function runStep(ctx: VideoJobContext, record: JobRecord): Promise<StepOutcome> {
  switch (record.step) {
    case 'submit':
      return submitStep(ctx, record);
    case 'submitting':
      return recoverInterruptedSubmit(ctx, record);
    case 'poll':
      // A crash came between the submit and the hand-off to the PollSet: hand it off now.
      return Promise.resolve(watchHere(ctx, record));
    case 'store':
      return storeStep(ctx, record);
    case 'done':
      return Promise.resolve({ kind: 'done' });
  }
}
