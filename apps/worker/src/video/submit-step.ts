import { UpstreamError, firstPollDelayMs } from '@reelay/providers';
import type { JobRecord } from '@reelay/jobs';
import { pickDeployment } from '@reelay/registry';
import { failJob } from './finish-job';
import { settleTerminal } from './settle-terminal';
import type { StepOutcome, VideoJobContext } from './video-job-context';

/** Create attempts for one job when the vendor says no task was made (429, 5xx, refused). */
export const MAX_CREATE_ATTEMPTS = 5;

/**
 * The paid call. Order matters for crash safety: the intent (deployment, attempt,
 * `submitting`) is saved before the call and the upstream id right after it, before
 * anything else, so a crash can never lead to a blind second create.
 */
export async function submitStep(ctx: VideoJobContext, record: JobRecord): Promise<StepOutcome> {
  const candidates = ctx.models.videoDeploymentsFor(record.model);
  const pick = pickDeployment(candidates, { random: ctx.random });
  if (!pick.deployment) {
    await failJob(ctx, record, 'invalid_request', `Model "${record.model}" has no deployment that can generate video in the current config.`);
    return { kind: 'done' };
  }
  const deployment = pick.deployment;
  const model = ctx.models.modelFor(deployment);
  const startedAt = ctx.now();
  const intent = await ctx.store.update(record.id, {
    step: 'submitting',
    deploymentId: deployment.id,
    routing: { deploymentId: deployment.id, provider: deployment.provider, tier: pick.tier, excluded: pick.excluded },
    attempt: record.attempt + 1,
    submitStartedAt: startedAt,
    deadlineAt: record.deadlineAt ?? startedAt + model.pollSchedule.timeoutMs,
  });
  if (!intent.applied) return { kind: 'done' }; // cancelled before we paid for anything

  let upstreamId: string;
  let warnings: string[];
  try {
    ({ upstreamId, warnings } = await model.submit(record.request));
  } catch (error) {
    return handleCreateFailure(ctx, { ...record, attempt: record.attempt + 1 }, deployment.id, error);
  }

  const allWarnings = [...new Set([...record.warnings, ...warnings])];
  const saved = await ctx.store.update(record.id, { upstreamId, step: 'poll', warnings: allWarnings }, 'in_progress');
  if (!saved.applied) {
    // Cancelled while the create was in flight: remember the task so it can be cancelled upstream.
    await ctx.store.writeInternal(record.id, { upstreamId });
    const current = await ctx.store.get(record.id);
    if (current) await settleTerminal(ctx, current);
    return { kind: 'done' };
  }
  ctx.logger.info({ jobId: record.id, deployment: deployment.id, upstreamId }, 'video job submitted upstream');
  const current = await ctx.store.get(record.id);
  if (current && saved.previous === 'queued') await ctx.notifier.announce(current, 'video.in_progress');
  return { kind: 'wait', delayMs: firstPollDelayMs(model.pollSchedule) };
}

async function handleCreateFailure(ctx: VideoJobContext, record: JobRecord, deploymentId: string, error: unknown): Promise<StepOutcome> {
  if (!(error instanceof UpstreamError) || error.taskMayExist === 'unknown') {
    // The vendor may have accepted (and billed) a task we have no id for: never resubmit blindly.
    const detail = error instanceof Error ? error.message : String(error);
    await failJob(
      ctx,
      record,
      'upstream_unknown',
      `The create call to deployment "${deploymentId}" ended without a usable answer (${detail}). The provider may have started a task, so reelay did not resubmit; submit again if you want another attempt.`,
    );
    return { kind: 'done' };
  }
  const message = `Deployment "${deploymentId}": ${error.message}`;
  const outOfTime = record.deadlineAt !== null && ctx.now() >= record.deadlineAt;
  if (!error.isRetryable || record.attempt >= MAX_CREATE_ATTEMPTS || outOfTime) {
    const suffix = error.isRetryable ? ` (gave up after ${record.attempt} create attempts)` : '';
    await failJob(ctx, record, error.code, message + suffix);
    return { kind: 'done' };
  }
  // No task exists upstream: going back to `submit` is safe.
  await ctx.store.update(record.id, { step: 'submit', submitStartedAt: null, error: null });
  const backoffMs = Math.min(60_000, 2_000 * 2 ** (record.attempt - 1));
  ctx.logger.warn({ jobId: record.id, deployment: deploymentId, code: error.code, attempt: record.attempt }, 'create failed; retrying later');
  return { kind: 'wait', delayMs: Math.max(error.retryAfterMs ?? 0, backoffMs) };
}

/** A job found mid-create after a crash: we cannot know whether the vendor made a task. */
export async function recoverInterruptedSubmit(ctx: VideoJobContext, record: JobRecord): Promise<StepOutcome> {
  await failJob(
    ctx,
    record,
    'upstream_unknown',
    `The worker stopped during the create call to deployment "${record.deploymentId}" before the provider's task id was saved. The provider may have started a task, so reelay did not resubmit; submit again if you want another attempt.`,
  );
  return { kind: 'done' };
}
