import type { JobRecord } from '@reelay/jobs';
import type { VideoJobContext } from './video-job-context';

/**
 * A job's deadline: once submitted, the chosen deployment's timeout from submit; before
 * that, the longest timeout among the group's deployments from creation, so a job waiting
 * for capacity also ends (as `expired`) instead of waiting forever.
 */
export function jobDeadline(ctx: VideoJobContext, record: JobRecord): number {
  if (record.deadlineAt !== null) return record.deadlineAt;
  const timeouts = (ctx.registry.deploymentsFor(record.model) ?? [])
    .filter((deployment) => ctx.models.eligibility(deployment, record.request) === true)
    .map((deployment) => ctx.models.modelFor(deployment).pollSchedule.timeoutMs);
  return record.createdAt * 1000 + Math.max(60_000, ...timeouts);
}
