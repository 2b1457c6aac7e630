import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const SECRET_PREFIX = 'whsec_';
// Standard Webhooks asks for 24..64 random bytes; shorter keys are guessable, longer ones are
// usually a pasted value of the wrong kind (a PEM, a token) rather than a webhook secret.
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;
// Padded standard base64 only: the `standardwebhooks` decoder rejects base64url and
// unpadded input, so accepting them here would let a bad secret pass env validation.
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface WebhookSignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export interface SignWebhookInput {
  /** `whsec_<base64>` or the raw base64 key. */
  secret: string;
  /** Stable across retries: receivers use it to drop duplicates. */
  id: string;
  /** Time of this attempt; receivers reject timestamps more than ~5 min away from their clock. */
  timestamp: Date;
  /** The exact bytes that will be sent: the signature covers the raw body. */
  body: string;
}

export function signWebhook(input: SignWebhookInput): WebhookSignatureHeaders {
  // The signed content is `id.timestamp.body`; a '.' in the id would make it ambiguous,
  // which is why the spec forbids it.
  if (input.id.length === 0 || input.id.includes('.')) {
    throw new Error(`webhook id must be non-empty and contain no '.'; got ${JSON.stringify(input.id)}`);
  }
  const signature = new Webhook(input.secret).sign(input.id, input.timestamp, input.body);
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(Math.floor(input.timestamp.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

export function isValidWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(SECRET_PREFIX)) return false;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (encoded.length === 0 || !STANDARD_BASE64.test(encoded)) return false;
  const bytes = Buffer.from(encoded, 'base64').length;
  return bytes >= MIN_SECRET_BYTES && bytes <= MAX_SECRET_BYTES;
}

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}
