import { firstPollDelayMs, type VideoModel } from '@reelay/providers';
import type { JobRecord } from '@reelay/jobs';
import type { Deployment } from '@reelay/registry';
import { settleTerminal } from './settle-terminal';
import type { StepOutcome, VideoJobContext } from './video-job-context';

/**
 * Records the vendor task that now holds the job (a create that answered, or one found again
 * after a crash), before anything else: its id, the step, and the provider whose lane watches
 * it from now on (polling, pauses, caps, the sweeper, cancel, metrics). The job's deadline
 * follows the deployment's timeout. A job cancelled meanwhile keeps the task id so the
 * vendor can be told to cancel it.
 */
export async function adoptTask(ctx: VideoJobContext, record: JobRecord, deployment: Deployment, model: VideoModel, upstreamId: string, warnings: readonly string[]): Promise<StepOutcome> {
  await ctx.store.claimUpstreamTask(upstreamId, record.id, { exclusive: false });
  const saved = await ctx.store.update(
    record.id,
    { upstreamId, step: 'poll', provider: deployment.provider, warnings: [...new Set([...record.warnings, ...warnings])], deadlineAt: ctx.now() + model.pollSchedule.timeoutMs },
    'in_progress',
  );
  if (!saved.applied) {
    await ctx.store.writeInternal(record.id, { upstreamId, deploymentId: deployment.id });
    const current = await ctx.store.get(record.id);
    if (current) await settleTerminal(ctx, current);
    return { kind: 'done' };
  }
  const current = await ctx.store.get(record.id);
  if (current && saved.previous === 'queued') await ctx.notifier.announce(current, 'video.in_progress');
  return { kind: 'watch', lane: ctx.laneOf(deployment), delayMs: firstPollDelayMs(model.pollSchedule) };
}
