export type WebhookEventType = 'video.in_progress' | 'video.completed' | 'video.failed' | 'video.cancelled';

/**
 * The webhook-id for one job event. Deterministic, so re-enqueueing the same event dedupes in
 * the queue and receivers see one id across retries. Standard Webhooks forbids '.' in ids and
 * BullMQ forbids ':' in custom job ids, so anything outside [A-Za-z0-9_-] becomes '_'.
 */
export function webhookEventId(jobId: string, type: WebhookEventType): string {
  const safe = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_');
  return `evt_${safe(jobId)}_${safe(type)}`;
}

/** The JSON body `{type, timestamp, data}`; serialise once and sign/send that exact string. */
export function buildWebhookBody(type: WebhookEventType, data: unknown, timestamp: Date): string {
  return JSON.stringify({ type, timestamp: timestamp.toISOString(), data });
}
