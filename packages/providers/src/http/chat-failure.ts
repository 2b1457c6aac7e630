import { classifyChatFailure } from './classify-chat-failure';
import { headerOf, type ChatHttpResponse } from './chat-transport';
import { UpstreamError, describeNetworkFailure, parseRetryAfterMs } from './upstream-error';
import { readVendorError, type VendorErrorWords } from './vendor-error-body';
import { withoutSecret } from './without-secret';

export interface ChatFailureContext {
  /** The vendor's name (`xAI`). */
  label: string;
  url: string;
  apiKey?: string;
  apiKeyEnv?: string;
  /** Appended to auth failures (a region hint, …). */
  authHint?: string;
}

/**
 * An error answer as an UpstreamError: the vendor's own words (key masked), what reelay makes
 * of them, and for a refused key, which variable holds it.
 */
export function chatFailure(context: ChatFailureContext, status: number, body: string, headers: ChatHttpResponse['headers'] = {}): UpstreamError {
  const words = readVendorError(body);
  return chatFailureFromWords(context, status, words, { body, retryAfterMs: retryAfterOf(headers) });
}

export function chatFailureFromWords(context: ChatFailureContext, status: number, words: VendorErrorWords, extra: { body?: string; retryAfterMs?: number; inStream?: boolean } = {}): UpstreamError {
  const kind = classifyChatFailure(status, words);
  const said = withoutSecret(words.message, context.apiKey);
  const code = words.code ?? words.type;
  const where = extra.inStream ? `${context.label} reported an error inside its stream` : `${context.label} answered ${status}`;
  let message = `${where}${code ? ` (${code})` : ''}: ${said}`;
  if (kind.code === 'upstream_auth') {
    message += ` The key${context.apiKeyEnv ? ` in ${context.apiKeyEnv}` : ''} was refused or has no access; check it${context.authHint ? `. ${context.authHint}` : '.'}`;
  } else if (kind.code === 'upstream_quota') {
    message += ` The account behind this key${context.apiKeyEnv ? ` (${context.apiKeyEnv})` : ''} is out of credit or quota: top it up or use another deployment.`;
  }
  return new UpstreamError({
    code: kind.code,
    message,
    url: context.url,
    statusCode: status,
    responseBody: extra.body ? withoutSecret(extra.body.slice(0, 4000), context.apiKey) : undefined,
    isRetryable: kind.retryable,
    retryAfterMs: extra.retryAfterMs,
  });
}

/** A call that got no answer: refused, reset, or cut by our timeout. */
export function chatNetworkFailure(context: ChatFailureContext, error: unknown, timedOutAfterMs?: number): UpstreamError {
  if (timedOutAfterMs !== undefined) {
    return new UpstreamError({ code: 'upstream_timeout', message: `${context.label} did not answer within ${(timedOutAfterMs / 1000).toFixed(1)} s (the timeout of this deployment).`, url: context.url, isRetryable: true });
  }
  const failure = describeNetworkFailure(error);
  return new UpstreamError({ code: 'upstream_error', message: `could not reach ${context.label} at ${context.url}: ${failure.message}`, url: context.url, isRetryable: true });
}

/** The shared Retry-After reading (seconds, HTTP date, `retry-after-ms`), over undici's header record. */
function retryAfterOf(headers: ChatHttpResponse['headers']): number | undefined {
  return parseRetryAfterMs({ get: (name) => headerOf(headers, name) ?? null });
}
