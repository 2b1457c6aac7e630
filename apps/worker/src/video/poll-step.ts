import { UpstreamError, nextPollDelayMs } from '@reelay/providers';
import type { JobRecord } from '@reelay/jobs';
import { failJob } from './finish-job';
import { settleTerminal } from './settle-terminal';
import type { StepOutcome, VideoJobContext } from './video-job-context';
import { countedCall } from './counted-call';

/** One status call; between calls the task waits in the PollSet and holds no worker slot. */
export async function pollStep(ctx: VideoJobContext, record: JobRecord): Promise<StepOutcome> {
  const deployment = record.deploymentId ? ctx.models.deploymentById(record.deploymentId) : undefined;
  if (!deployment || !record.upstreamId) {
    await failJob(ctx, record, 'internal_error', `Deployment "${record.deploymentId}" of this job is no longer in the config, so its upstream task cannot be polled.`);
    return { kind: 'done' };
  }
  const model = ctx.models.modelFor(deployment);
  if (record.deadlineAt !== null && ctx.now() >= record.deadlineAt) {
    const limit = describeDuration(model.pollSchedule.timeoutMs);
    await failJob(ctx, record, 'expired', `Deployment "${deployment.id}" did not finish the video within ${limit} (job_timeout_seconds); reelay stopped waiting.`);
    return { kind: 'done' };
  }

  const elapsedMs = ctx.now() - (record.submitStartedAt ?? ctx.now());
  const expectedMs = ctx.completionTimes.expected(deployment.id);
  // Keep the in-flight slot while the task runs; a dead worker's job would let it lapse.
  await ctx.limiter.renewLease(deployment.id, record.id);
  let result;
  try {
    result = await countedCall(ctx, deployment.id, 'status', () => model.poll(record.upstreamId!));
  } catch (error) {
    if (error instanceof UpstreamError && error.code === 'upstream_rate_limited') {
      // Status calls share the provider account's rate: pause this provider's queue only.
      ctx.logger.warn({ jobId: record.id, provider: deployment.provider, retryAfterMs: error.retryAfterMs }, 'status call rate-limited; pausing the provider queue');
      return { kind: 'rate_limited', delayMs: error.retryAfterMs ?? 5_000 };
    }
    if (error instanceof UpstreamError && error.isRetryable) {
      ctx.logger.warn({ jobId: record.id, code: error.code }, 'status call failed; polling again later');
      const delayMs = nextPollDelayMs({ schedule: model.pollSchedule, elapsedMs, expectedMs, vendorHintMs: error.retryAfterMs, random: ctx.random });
      return { kind: 'poll', delayMs };
    }
    if (error instanceof UpstreamError) {
      await failJob(ctx, record, error.code, `Deployment "${deployment.id}": ${error.message}`);
      return { kind: 'done' };
    }
    throw error;
  }

  const pollCount = record.pollCount + 1;
  switch (result.status) {
    case 'queued':
    case 'in_progress': {
      const progress = Math.max(record.progress, Math.min(99, result.progress ?? record.progress));
      // Most status calls change nothing a client sees: skip the write then (a cancel is
      // still noticed, since every run starts by reading the record).
      if (progress !== record.progress || record.status !== 'in_progress') {
        const saved = await ctx.store.update(record.id, { progress, pollCount }, 'in_progress');
        if (!saved.applied) return settleIfTerminal(ctx, record.id);
      }
      const delayMs = nextPollDelayMs({ schedule: model.pollSchedule, elapsedMs, expectedMs, vendorHintMs: result.pollAfterMs, random: ctx.random });
      return { kind: 'poll', delayMs };
    }
    case 'failed':
      await failJob(ctx, record, result.error.code, result.error.message);
      return { kind: 'done' };
    case 'completed': {
      // Vendor URLs expire (24 h for some): the store step is queued at once.
      // How long the store step may keep trying: the vendor's own word, else its documented lifetime.
      const resultExpiresAt = result.resultExpiresAt ?? ctx.now() + model.resultLifetimeMs;
      const saved = await ctx.store.update(record.id, { step: 'store', resultRef: result.resultRef, resultExpiresAt, pollCount, progress: 99 }, 'in_progress');
      if (!saved.applied) return settleIfTerminal(ctx, record.id);
      if (record.submitStartedAt !== null) {
        await ctx.completionTimes.record(deployment.id, ctx.now() - record.submitStartedAt).catch((error: Error) => {
          ctx.logger.warn({ deployment: deployment.id, err: error.message }, 'could not record the job length; the poll schedule learns from the next one');
        });
      }
      return { kind: 'store' };
    }
  }
}

function describeDuration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 60_000)} min`;
}

async function settleIfTerminal(ctx: VideoJobContext, jobId: string): Promise<StepOutcome> {
  const current = await ctx.store.get(jobId);
  if (current) await settleTerminal(ctx, current);
  return { kind: 'done' };
}
