import type { JobRecord } from '@reelay/jobs';
import { adoptTask } from './adopt-task';
import { failJob } from './finish-job';
import type { StepOutcome, VideoJobContext } from './video-job-context';

/** How long after its start a create can still have reached the vendor: the adapters' create timeout. */
const CREATE_REACH_MS = 60_000;

/**
 * A job found mid-create after a crash: the vendor may have made (and billed) a task whose id
 * reelay never saw. Never resubmitted; where the vendor can list its tasks, the one this create
 * made is looked for, matched on what reelay sent and when, and adopted. Otherwise the job
 * fails as upstream_unknown, saying which case it was.
 */
export async function recoverInterruptedSubmit(ctx: VideoJobContext, record: JobRecord): Promise<StepOutcome> {
  const deployment = record.deploymentId ? ctx.models.deploymentById(record.deploymentId) : undefined;
  const stopped = `The worker stopped during the create call to deployment "${record.deploymentId}" before the provider's task id was saved.`;
  const model = deployment && ctx.models.modelFor(deployment);
  if (!deployment || !model?.findCreatedTask) {
    const why = deployment ? `${deployment.provider} offers no task list to look for it in` : 'the deployment is no longer in the config';
    return unknown(ctx, record, `${stopped} The provider may have started a task, and ${why}, so reelay did not resubmit; submit again if you want another attempt.`);
  }
  const sentAfterMs = record.submitStartedAt ?? record.createdAt * 1000;
  let search;
  try {
    search = await model.findCreatedTask({ request: record.request, sentAfterMs, sentBeforeMs: Math.min(ctx.now(), sentAfterMs + CREATE_REACH_MS) });
  } catch (error) {
    return unknown(ctx, record, `${stopped} Listing the provider's tasks to find it failed (${(error as Error).message}), so reelay did not resubmit; submit again if you want another attempt.`);
  }
  const elsewhere = await ctx.store.upstreamTasksOwnedElsewhere(search.upstreamIds, record.id);
  const free = search.upstreamIds.filter((id) => !elsewhere.has(id));
  const others = elsewhere.size > 0 ? ` (${elsewhere.size} more that match belong to other jobs)` : '';
  if (free.length > 1) {
    return unknown(ctx, record, `${stopped} ${free.length} tasks at the provider match what was sent (${free.join(', ')})${others}, so reelay adopted none and did not resubmit; submit again if you want another attempt.`);
  }
  if (free.length === 0) {
    return unknown(ctx, record, `${stopped} No task matching what was sent is among ${search.searched}${others}, so the provider most likely made none; reelay did not resubmit; submit again.`);
  }
  const upstreamId = free[0]!;
  // Another recovering job may have found the same task a moment ago: only one adopts it.
  if (!(await ctx.store.claimUpstreamTask(upstreamId, record.id, { exclusive: true }))) {
    return unknown(ctx, record, `${stopped} The one task that matches (${upstreamId}) was just adopted by another job, so reelay did not resubmit; submit again.`);
  }
  ctx.logger.warn({ jobId: record.id, deployment: deployment.id, upstreamId }, 'create interrupted by a crash: found the task it made and adopted it');
  return adoptTask(ctx, record, deployment, model, upstreamId, []);
}

async function unknown(ctx: VideoJobContext, record: JobRecord, message: string): Promise<StepOutcome> {
  await failJob(ctx, record, 'upstream_unknown', message);
  return { kind: 'done' };
}
