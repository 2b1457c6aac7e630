/**
 * @reelay/webhooks: Standard Webhooks signing, the delivery policy (what counts as success,
 * when to retry, when to stop) and SSRF-guarded egress. A leaf: it knows nothing of queues
 * or job records; apps/worker decides when to call deliverWebhook and what to do with the outcome.
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

/**
 * Submit-time check of a client's callback_url: http(s), no credentials, and (unless
 * allowPrivate) no literal non-public address in any spelling and no `localhost`.
 * The reason is user-facing. Hostnames are not resolved here; the guarded agent does that.
 */
export { checkCallbackUrl, checkOutboundUrl, type CallbackUrlCheck, type CheckCallbackUrlOptions, type CheckOutboundUrlOptions } from './callback-url';

/** True only for global unicast IPs (IPv4-mapped IPv6 is unwrapped first). */
export { isPublicAddress } from './address-policy';

/**
 * An undici Agent that refuses non-public addresses at connect time, after DNS, so DNS
 * rebinding cannot reach them; literal-IP hosts are checked too. allowPrivate → plain agent.
 * Close it (`agent.close()`) on shutdown.
 */
export { createGuardedAgent, type GuardedAgentOptions } from './guarded-agent';

/** What the guarded agent throws; deliverWebhook turns it into `{ kind: 'refused' }`. */
export { EgressRefusedError, isEgressRefusedError } from './egress-refused-error';

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

/** A fetch through the guarded agent, for URLs clients supply (input images). */
export { createGuardedFetch } from './guarded-fetch';
