import { fetch } from 'undici';
import type { Agent, Response } from 'undici';
import { isEgressRefusedError } from '@reelay/egress';
import { parseRetryAfterMs } from './retry-after';
import { signWebhook } from './signing';

export type DeliveryOutcome =
  | { kind: 'delivered'; status: number }
  /** 5xx, 429, 3xx (redirects are not followed), 4xx other than 410, timeouts, connection errors. */
  | { kind: 'retry'; status?: number; reason: string; retryAfterMs?: number }
  /** The receiver asked us to stop sending to this endpoint. */
  | { kind: 'gone'; status: 410 }
  /** The egress guard blocked the address (or the URL is unusable): retrying cannot help. */
  | { kind: 'refused'; reason: string };

export interface DeliverWebhookInput {
  url: string;
  /** The webhook-id: stable across retries of one event. */
  id: string;
  /** Serialised JSON, sent and signed byte for byte. */
  body: string;
  /** `whsec_<base64>` */
  secret: string;
  /** From createGuardedAgent; it decides which addresses may be reached. */
  agent: Agent;
  /** Whole attempt, connect to last byte read. Default 15 000 ms (Svix counts 15 s as success window). */
  timeoutMs?: number;
  /** Clock for webhook-timestamp and Retry-After dates. Default `new Date()`. */
  now?: () => Date;
  /** Default `reelay-webhooks/0.1`. */
  userAgent?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_USER_AGENT = 'reelay-webhooks/0.1';
// The response body is never used; reading a little lets small replies keep the connection
// reusable, and the cap stops a hostile receiver from streaming gigabytes at the worker.
const MAX_RESPONSE_BYTES = 64 * 1024;

/** One delivery attempt: POST, classify, never retry internally (the queue owns retries). */
export async function deliverWebhook(input: DeliverWebhookInput): Promise<DeliveryOutcome> {
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = input.now ?? (() => new Date());
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { kind: 'refused', reason: `callback_url is not a valid URL: ${JSON.stringify(input.url)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'refused', reason: `callback_url must be http(s); got ${url.protocol}` };
  }

  // Signed outside the try: a bad secret or id is a programming error to surface, not a retry.
  const signature = signWebhook({ secret: input.secret, id: input.id, timestamp: now(), body: input.body });
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': input.userAgent ?? DEFAULT_USER_AGENT,
        ...signature,
      },
      body: input.body,
      // A redirect could lead anywhere, including past the address checks' intent; the
      // Standard Webhooks spec counts 3xx as failure.
      redirect: 'manual',
      dispatcher: input.agent,
      signal,
    });
  } catch (error) {
    return describeFailedRequest(error, timeoutMs);
  }
  await discardBody(response.body);
  return classifyResponse(response.status, response.headers.get('retry-after'), now());
}

function classifyResponse(status: number, retryAfter: string | null, now: Date): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 410) return { kind: 'gone', status: 410 };
  const reason =
    status >= 300 && status < 400
      ? `receiver answered ${status}; redirects are not followed, point callback_url at the final URL`
      : `receiver answered ${status}`;
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfterMs(retryAfter, now) : undefined;
  return retryAfterMs === undefined ? { kind: 'retry', status, reason } : { kind: 'retry', status, reason, retryAfterMs };
}

function describeFailedRequest(error: unknown, timeoutMs: number): DeliveryOutcome {
  const chain = causeChain(error);
  const refused = chain.find(isEgressRefusedError);
  if (refused !== undefined) return { kind: 'refused', reason: refused.message };
  if (chain.some((cause) => cause.name === 'TimeoutError' || code(cause) === 'UND_ERR_CONNECT_TIMEOUT')) {
    return { kind: 'retry', reason: `receiver did not answer within ${timeoutMs} ms` };
  }
  // The innermost error carries the useful part (ECONNREFUSED, ENOTFOUND, a TLS failure).
  const root = chain[chain.length - 1];
  const detail = root === undefined ? String(error) : [code(root), root.message].filter(Boolean).join(' ');
  return { kind: 'retry', reason: `could not reach receiver: ${detail}` };
}

function causeChain(error: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 10) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

function code(error: Error): string | undefined {
  const value = (error as { code?: unknown }).code;
  return typeof value === 'string' ? value : undefined;
}

/** Reads up to MAX_RESPONSE_BYTES and drops the rest; a failure here does not change the outcome. */
async function discardBody(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (body === null) return;
  const reader = body.getReader();
  let received = 0;
  try {
    while (received <= MAX_RESPONSE_BYTES) {
      const chunk = await reader.read();
      if (chunk.done) return;
      received += chunk.value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The status has arrived; a body that stalls or breaks does not undo the delivery.
    await reader.cancel().catch(() => undefined);
  }
}
