/**
 * @reelay/webhooks: Standard Webhooks signing and the delivery policy (what counts as success,
 * when to retry, when to stop); deliveries go through @reelay/egress's guarded agent. It knows
 * nothing of queues or job records; apps/worker decides when to call deliverWebhook and what
 * to do with the outcome.
 */

/**
 * Headers for one delivery attempt: `webhook-id` (stable across retries), `webhook-timestamp`
 * (unix seconds, per attempt) and `webhook-signature` (`v1,<base64 HMAC-SHA256>`).
 * The secret may be `whsec_<base64>` or the raw base64 key.
 */
export { signWebhook, type SignWebhookInput, type WebhookSignatureHeaders } from './signing';

/** `whsec_` + padded base64 of 24..64 bytes. For env validation of WEBHOOK_SECRET. */
export { isValidWebhookSecret } from './signing';

/** A fresh `whsec_` secret of 32 random bytes. */
export { generateWebhookSecret } from './signing';

/** A client's callback_url under @reelay/egress's policy (the reason names `callback_url`). */
export { checkCallbackUrl, type CheckCallbackUrlOptions } from './callback-url';

/**
 * One signed POST with undici's fetch through the given agent, redirects not followed,
 * at most 64 KB of the reply read. 2xx → delivered, 410 → gone, a guard refusal → refused,
 * anything else → retry (with retryAfterMs from Retry-After on 429/503). Never retries by
 * itself; throws only for a bad secret or id (a configuration error, not a delivery failure).
 */
export { deliverWebhook, type DeliverWebhookInput, type DeliveryOutcome } from './deliver';

/**
 * The Standard Webhooks schedule after the first attempt (5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
 * 14 h, 20 h, 24 h), the delay for the next attempt with up to 10 % jitter, and the attempt cap.
 */
export { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_SCHEDULE_MS, webhookRetryDelayMs } from './retry-schedule';

/** Event types, their deterministic webhook-id, and the `{type, timestamp, data}` body. */
export { buildWebhookBody, webhookEventId, type WebhookEventType } from './events';
