import type { JobOwnErrorCode, JobPatch, JobRecord, JobStatus } from '@reelay/jobs';
import type { UpstreamErrorCode } from '@reelay/providers';
import type { VideoJobContext } from './video-job-context';
import { settleTerminal } from './settle-terminal';

/**
 * Moves a job to a terminal status and runs its side effects. If the job was already
 * terminal (a client cancelled it meanwhile), the existing terminal status wins and its
 * side effects run instead.
 */
export async function finishJob(
  ctx: VideoJobContext,
  record: JobRecord,
  to: Extract<JobStatus, 'completed' | 'failed' | 'cancelled'>,
  patch: JobPatch,
): Promise<void> {
  const completedAt = Math.floor(ctx.now() / 1000);
  await ctx.store.update(record.id, { completedAt, ...patch }, to);
  const current = await ctx.store.get(record.id);
  if (current) await settleTerminal(ctx, current);
}

export async function failJob(ctx: VideoJobContext, record: JobRecord, code: UpstreamErrorCode | JobOwnErrorCode, message: string): Promise<void> {
  ctx.logger.warn({ jobId: record.id, code, message }, 'video job failed');
  await finishJob(ctx, record, 'failed', { error: { code, message } });
}
