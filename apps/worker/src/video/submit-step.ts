import { UpstreamError, type UpstreamErrorCode } from '@reelay/providers';
import type { JobRecord } from '@reelay/jobs';
import { routeDeployment, type Exclusion } from '@reelay/limits';
import { FAILOVER_CODES, type Deployment } from '@reelay/registry';
import { failJob } from './finish-job';
import { adoptTask } from './adopt-task';
import { jobDeadline } from './job-deadline';
import type { StepOutcome, VideoJobContext } from './video-job-context';
import { countedCall } from './counted-call';

/** Create attempts for one job across wake-ups, when vendors keep saying no task was made. */
export const MAX_CREATE_ATTEMPTS = 8;

/** Longest a job waits between two routing attempts (capacity may return earlier). */
const MAX_CAPACITY_WAIT_MS = 30_000;

/**
 * Routes the job (limits, cooldowns, order, weight, fallbacks) and makes the paid call.
 * Crash safety: the intent (deployment, attempt, `submitting`) is saved before the call
 * and the upstream id right after it, before anything else. A create that fails without
 * making a task moves to the next eligible deployment; once a task exists, never.
 */
export async function submitStep(ctx: VideoJobContext, record: JobRecord): Promise<StepOutcome> {
  const deadlineAt = jobDeadline(ctx, record);
  if (ctx.now() >= deadlineAt) {
    const why = record.routing?.excluded.map((e) => `${e.id}: ${e.reason}`).join('; ');
    await failJob(ctx, record, 'expired', `No deployment of "${record.model}" had capacity before the job's deadline${why ? ` (${why})` : ''}.`);
    return { kind: 'done' };
  }
  const failedHere = new Map<string, string>();
  /** A bad key does not heal by waiting: if only such failures happened, the job fails with it. */
  let authFailure: { code: UpstreamErrorCode; message: string } | undefined;
  let transientFailure = false;
  let attempt = record.attempt;
  for (;;) {
    const route = await routeDeployment({
      registry: ctx.registry,
      modelName: record.model,
      limiter: ctx.limiter,
      jobId: record.id,
      eligible: (deployment) => ctx.models.eligibility(deployment, record.request),
      alreadyFailed: failedHere,
      random: ctx.random,
    });
    if (route.kind !== 'acquired') {
      // Nothing can ever serve it: fail now. Only capacity (or deployments that just failed
      // without making a task, now cooling down) stands in the way: wait and route again.
      if (route.kind === 'none' && failedHere.size === 0) {
        await failJob(ctx, record, 'invalid_request', noDeploymentMessage(record.model, route.excluded));
        return { kind: 'done' };
      }
      if (route.kind === 'none' && authFailure && !transientFailure) {
        await failJob(ctx, record, authFailure.code, authFailure.message);
        return { kind: 'done' };
      }
      if (attempt >= MAX_CREATE_ATTEMPTS) {
        await failJob(ctx, record, 'upstream_error', `Gave up after ${attempt} create attempts. ${noDeploymentMessage(record.model, route.excluded)}`);
        return { kind: 'done' };
      }
      const backoffMs = Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
      const retryAfterMs = route.kind === 'wait' ? route.retryAfterMs : backoffMs;
      // Visible on the job: why it is still queued.
      await ctx.store.update(record.id, { step: 'submit', attempt, deadlineAt, deploymentId: null, routing: { deploymentId: null, excluded: route.excluded } });
      const delayMs = Math.min(retryAfterMs, MAX_CAPACITY_WAIT_MS, Math.max(1, deadlineAt - ctx.now()));
      ctx.logger.info({ jobId: record.id, delayMs, excluded: route.excluded }, 'no deployment available now; job waits');
      return { kind: 'wait', delayMs };
    }

    attempt += 1;
    const created = await createUpstream(ctx, record, route.deployment, { attempt, deadlineAt, tier: route.tier, excluded: route.excluded });
    if (created.kind === 'settled') return created.outcome;
    failedHere.set(route.deployment.id, created.reason);
    if (created.error.code === 'upstream_auth') authFailure = created.error;
    else transientFailure = true;
  }
}

type CreateOutcome = { kind: 'settled'; outcome: StepOutcome } | { kind: 'failed_over'; reason: string; error: { code: UpstreamErrorCode; message: string } };

async function createUpstream(
  ctx: VideoJobContext,
  record: JobRecord,
  deployment: Deployment,
  plan: { attempt: number; deadlineAt: number; tier?: number; excluded: Exclusion[] },
): Promise<CreateOutcome> {
  const model = ctx.models.modelFor(deployment);
  const intent = await ctx.store.update(record.id, {
    step: 'submitting',
    deploymentId: deployment.id,
    routing: { deploymentId: deployment.id, provider: deployment.provider, tier: plan.tier, excluded: plan.excluded },
    attempt: plan.attempt,
    submitStartedAt: ctx.now(),
    deadlineAt: plan.deadlineAt,
  });
  if (!intent.applied) {
    // Cancelled before we paid for anything: give the slot back.
    await ctx.limiter.releaseLease(deployment.id, record.id);
    return settled({ kind: 'done' });
  }

  let result;
  try {
    result = await countedCall(ctx, deployment.id, 'create', () => model.submit(record.request));
  } catch (error) {
    return handleCreateFailure(ctx, { ...record, attempt: plan.attempt, deploymentId: deployment.id }, deployment, error);
  }

  ctx.logger.info({ jobId: record.id, deployment: deployment.id, upstreamId: result.upstreamId }, 'video job submitted upstream');
  return settled(await adoptTask(ctx, record, deployment, model, result.upstreamId, result.warnings));
}

async function handleCreateFailure(ctx: VideoJobContext, record: JobRecord, deployment: Deployment, error: unknown): Promise<CreateOutcome> {
  if (!(error instanceof UpstreamError) || error.taskMayExist === 'unknown') {
    // The vendor may have accepted (and billed) a task we have no id for: never resubmit blindly.
    const detail = error instanceof Error ? error.message : String(error);
    await failJob(
      ctx,
      record,
      'upstream_unknown',
      `The create call to deployment "${deployment.id}" ended without a usable answer (${detail}). The provider may have started a task, so reelay did not resubmit; submit again if you want another attempt.`,
    );
    return settled({ kind: 'done' });
  }
  // No task exists: the in-flight slot goes back at once.
  await ctx.limiter.releaseLease(deployment.id, record.id);
  const message = `Deployment "${deployment.id}": ${error.message}`;
  if (!FAILOVER_CODES.has(error.code)) {
    await failJob(ctx, record, error.code, message); // the request itself is refused: another deployment would refuse it too
    return settled({ kind: 'done' });
  }
  const cooldownMs = await ctx.limiter.recordFailure(deployment.id, ctx.cooldown, { code: error.code, message: error.message, retryAfterMs: error.retryAfterMs });
  await ctx.store.update(record.id, { step: 'submit', submitStartedAt: null, error: null });
  ctx.logger.warn({ jobId: record.id, deployment: deployment.id, code: error.code, cooldownMs }, 'create failed without a task; trying the next deployment');
  return { kind: 'failed_over', reason: `${error.code}${error.statusCode ? ` ${error.statusCode}` : ''}`, error: { code: error.code, message } };
}

function settled(outcome: StepOutcome): { kind: 'settled'; outcome: StepOutcome } {
  return { kind: 'settled', outcome };
}

function noDeploymentMessage(model: string, excluded: Exclusion[]): string {
  const reasons = excluded.map((e) => `${e.id}: ${e.reason}`).join('; ');
  return `No deployment of "${model}" can take this job${reasons ? ` (${reasons})` : ''}.`;
}
