import { UpstreamError } from '@reelay/providers';
import type { JobRecord } from '@reelay/jobs';
import { videoObjectKey } from '@reelay/storage';
import { failJob, finishJob } from './finish-job';
import type { StepOutcome, VideoJobContext } from './video-job-context';
import { countedCall } from './counted-call';

/**
 * Streams the finished video from the vendor straight into S3 and records what was
 * stored. The key is deterministic, so a retried upload overwrites the same object.
 * Transient failures throw and BullMQ retries this step with backoff.
 */
export async function storeStep(ctx: VideoJobContext, record: JobRecord): Promise<StepOutcome> {
  const deployment = record.deploymentId ? ctx.models.deploymentById(record.deploymentId) : undefined;
  if (!deployment || !record.upstreamId || !record.resultRef) {
    await failJob(ctx, record, 'internal_error', `The finished video of deployment "${record.deploymentId}" cannot be fetched: the deployment or task id is missing.`);
    return { kind: 'done' };
  }
  const model = ctx.models.modelFor(deployment);
  let opened;
  try {
    opened = await countedCall(ctx, deployment.id, 'result', () => model.openResult(record.upstreamId!, record.resultRef!));
  } catch (error) {
    if (error instanceof UpstreamError && !error.isRetryable) {
      await failJob(ctx, record, error.code, `Could not download the finished video from deployment "${deployment.id}": ${error.message}`);
      return { kind: 'done' };
    }
    throw error;
  }
  const stored = await ctx.storage.uploadStream(videoObjectKey(record.id), opened.body, opened.contentType || 'video/mp4');
  ctx.logger.info({ jobId: record.id, bytes: stored.bytes, key: stored.key }, 'video stored');
  await finishJob(ctx, record, 'completed', { output: stored, progress: 100 });
  return { kind: 'done' };
}
