import type { Queue } from 'bullmq';
import { queueCatalog, toPublicVideo, type JobRecord, type WebhookJobPayload } from '@reelay/jobs';
import type { ObjectStorage } from '@reelay/storage';
import { buildWebhookBody, webhookEventId, type WebhookEventType } from '@reelay/webhooks';

/**
 * Turns job events into delivery jobs on the `webhooks` queue. The event id doubles as
 * the BullMQ job id, so announcing the same event twice (after a crash) sends it once.
 */
export class WebhookNotifier {
  constructor(
    private readonly queue: Queue<WebhookJobPayload>,
    private readonly presigner: ObjectStorage,
    private readonly presignTtlSeconds: number,
  ) {}

  async announce(record: JobRecord, type: WebhookEventType, now = new Date()): Promise<void> {
    if (!record.callbackUrl) return;
    const eventId = webhookEventId(record.id, type);
    const output = record.output
      ? {
          url: await this.presigner.presignGet(record.output.key, this.presignTtlSeconds),
          urlExpiresAt: Math.floor(now.getTime() / 1000) + this.presignTtlSeconds,
        }
      : undefined;
    const body = buildWebhookBody(type, toPublicVideo(record, output), now);
    await this.queue.add(type, { eventId, jobId: record.id, type, url: record.callbackUrl, body }, {
      ...queueCatalog.webhooks.options,
      jobId: eventId,
    });
  }
}

export function terminalEventType(status: JobRecord['status']): WebhookEventType | undefined {
  if (status === 'completed') return 'video.completed';
  if (status === 'failed') return 'video.failed';
  if (status === 'cancelled') return 'video.cancelled';
  return undefined;
}
