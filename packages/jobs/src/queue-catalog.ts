import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';

/**
 * BullMQ v6 forbids ':' in queue names and job ids, so DESIGN.md's `video:<provider>`
 * is spelled `video-<provider>`.
 */
export function videoQueueName(provider: string): string {
  return `video-${provider}`;
}

/**
 * BullMQ id of a job's store step. The job's first BullMQ entry (submit) is kept after it
 * completes, so the hand-off from polling needs an id of its own; a repeated hand-off
 * (after a crash) adds nothing.
 */
export function storeJobId(jobId: string): string {
  return `${jobId}-store`;
}

/**
 * Queues a step of a video job under the BullMQ id `entryId` (the job id for submit,
 * storeJobId() for the upload), with the catalog's options. An id already present adds nothing.
 */
export async function enqueueVideoStep(queue: Queue<VideoJobPayload>, jobId: string, entryId: string = jobId): Promise<void> {
  await queue.add('video', { jobId }, { ...queueCatalog.video.options, jobId: entryId });
}

export const WEBHOOK_QUEUE_NAME = 'webhooks';

export const videoJobPayloadSchema = z.object({ jobId: z.string() });
export type VideoJobPayload = z.infer<typeof videoJobPayloadSchema>;

export const webhookJobPayloadSchema = z.object({
  /** `webhook-id`: stable across retries, the receiver's idempotency key. */
  eventId: z.string(),
  jobId: z.string(),
  type: z.string(),
  url: z.string(),
  /** The exact bytes to send on every attempt, so retries carry the same signed body. */
  body: z.string(),
});
export type WebhookJobPayload = z.infer<typeof webhookJobPayloadSchema>;

/** Name of the custom backoff the webhook worker implements (Standard Webhooks schedule). */
export const WEBHOOK_BACKOFF_TYPE = 'standard-webhooks';

/**
 * The typed queue catalog: each queue's payload schema and default job options.
 * A video job's BullMQ entries run its submit and store steps; in between, the task waits
 * in the PollSet. `attempts` only covers crashes and transient errors inside a step,
 * which all resume from the job record.
 */
export const queueCatalog = {
  video: {
    payload: videoJobPayloadSchema,
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000, jitter: 0.2 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    } satisfies JobsOptions,
  },
  webhooks: {
    payload: webhookJobPayloadSchema,
    options: {
      attempts: 10,
      backoff: { type: WEBHOOK_BACKOFF_TYPE },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    } satisfies JobsOptions,
  },
} as const;
