import { UpstreamError } from '@reelay/providers';
import type { JobRecord } from '@reelay/jobs';
import { videoObjectKey } from '@reelay/storage';
import { failJob, finishJob } from './finish-job';
import { settleTerminal } from './settle-terminal';
import type { StepOutcome, VideoJobContext } from './video-job-context';
import { countedCall } from './counted-call';

/** Waits between store attempts: 2 s, doubling, at most a minute (±20 % jitter). */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;
/** For a record written before the result's lifetime was kept: the shortest vendor lifetime. */
const FALLBACK_LIFETIME_MS = 60 * 60_000;

/**
 * Streams the finished video from the vendor straight into S3 and records what was
 * stored. The key is deterministic, so a retried upload overwrites the same object.
 *
 * The video is paid for, and the vendor keeps it for hours (24 h for Wan and Seedance): a
 * failure on the way (S3 down, the download cut) is tried again, with a growing wait in
 * which the job holds no worker slot (its BullMQ entry is delayed), for as long as the
 * vendor's copy lives or `storeRetryMs` allows. Only then does the job fail, saying why.
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
    return retryLater(ctx, record, `downloading it from deployment "${deployment.id}" failed: ${(error as Error).message}`);
  }
  let stored;
  try {
    stored = await ctx.storage.uploadStream(videoObjectKey(record.id), opened.body, opened.contentType || 'video/mp4');
  } catch (error) {
    await opened.body.cancel().catch(() => undefined);
    return retryLater(ctx, record, `the upload to S3 failed: ${(error as Error).message}`);
  }
  ctx.logger.info({ jobId: record.id, bytes: stored.bytes, key: stored.key, attempts: record.storeAttempts + 1 }, 'video stored');
  await finishJob(ctx, record, 'completed', { output: stored, progress: 100 });
  return { kind: 'done' };
}

async function retryLater(ctx: VideoJobContext, record: JobRecord, cause: string): Promise<StepOutcome> {
  const now = ctx.now();
  const attempts = record.storeAttempts + 1;
  const resultExpiresAt = record.resultExpiresAt ?? now + FALLBACK_LIFETIME_MS;
  const budgetEnds = ctx.storeRetryMs === undefined ? Number.POSITIVE_INFINITY : ((await ctx.store.uploadWaitingSince(record.id)) ?? now) + ctx.storeRetryMs;
  const giveUpAt = Math.min(resultExpiresAt, budgetEnds);
  if (now >= giveUpAt) {
    const why =
      giveUpAt === resultExpiresAt
        ? `the provider's copy expired at ${new Date(resultExpiresAt).toISOString()}, so the video can no longer be fetched`
        : `reelay stopped trying after REELAY_STORE_RETRY_SECONDS (${Math.round(ctx.storeRetryMs! / 1000)} s)`;
    await failJob(ctx, record, 'storage_error', `The finished video could not be stored after ${attempts} attempts (last: ${cause}), and ${why}.`);
    return { kind: 'done' };
  }
  const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempts - 1, 10)) * (0.8 + ctx.random() * 0.4);
  const delayMs = Math.max(1, Math.round(Math.min(backoff, giveUpAt - now)));
  const saved = await ctx.store.update(record.id, { storeAttempts: attempts });
  if (!saved.applied) {
    // Cancelled meanwhile: nothing to store.
    const current = await ctx.store.get(record.id);
    if (current) await settleTerminal(ctx, current);
    return { kind: 'done' };
  }
  await ctx.store.markUploadWaiting(record.id, now);
  ctx.logger.warn({ jobId: record.id, attempt: attempts, retryInMs: delayMs, giveUpAt: new Date(giveUpAt).toISOString(), cause }, 'could not store the finished video; trying again');
  return { kind: 'wait', delayMs };
}
