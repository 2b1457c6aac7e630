import { UpstreamError, describeNetworkFailure, isRetryableStatus, parseRetryAfterMs } from './upstream-error';
import type { UpstreamErrorCode } from '../contract/upstream-error-code';
import type { UpstreamFetch, UpstreamRequestInit, UpstreamResponse } from './upstream-fetch';

export interface UpstreamCall {
  fetch: UpstreamFetch;
  url: string;
  init: UpstreamRequestInit;
  /** Abort the call after this long. Creates use a longer timeout than polls. */
  timeoutMs: number;
  /**
   * Turns a non-2xx response into our error code and message; `retryable` overrides the
   * status-based default (e.g. a 429 that means "out of credit" never succeeds on retry).
   */
  describeFailure: (status: number, body: string) => { code: UpstreamErrorCode; message: string; retryable?: boolean };
}

/**
 * One HTTP call to a vendor with no hidden retries: a paid create must never be sent
 * twice by the HTTP layer. Non-2xx answers become UpstreamError with the vendor's body.
 */
export async function callUpstream(call: UpstreamCall): Promise<UpstreamResponse> {
  let response: UpstreamResponse;
  // The timeout covers the wait for response headers only: a large video body may
  // legitimately take longer to stream than any sensible time-to-first-byte.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new DOMException('upstream call timed out', 'TimeoutError')), call.timeoutMs);
  try {
    response = await call.fetch(call.url, { ...call.init, signal: abort.signal });
  } catch (error) {
    const failure = describeNetworkFailure(error);
    throw new UpstreamError({
      code: failure.timedOut ? 'upstream_timeout' : 'upstream_error',
      message: `${failure.timedOut ? 'timed out calling' : 'could not reach'} ${redactUrl(call.url)}: ${failure.message}`,
      url: redactUrl(call.url),
      isRetryable: true,
      taskMayExist: failure.taskMayExist,
    });
  } finally {
    clearTimeout(timer);
  }
  if (response.ok) return response;
  const body = await response.text().catch(() => '');
  const { code, message, retryable } = call.describeFailure(response.status, body);
  throw new UpstreamError({
    code,
    message,
    url: redactUrl(call.url),
    statusCode: response.status,
    responseBody: body.slice(0, 4000),
    isRetryable: retryable ?? isRetryableStatus(response.status),
    retryAfterMs: parseRetryAfterMs(response.headers),
    taskMayExist: 'no',
  });
}

/**
 * Keys travel in query strings (`?key=`) and presigned result URLs carry signatures
 * (OSS, TOS, S3): neither may reach a log or an error message.
 */
const SECRET_QUERY_PARAMS = /([?&](?:key|api_key|apikey|signature|ossaccesskeyid|security-token|x-amz-signature|x-amz-security-token|x-amz-credential|x-tos-signature|x-tos-credential|x-tos-security-token)=)[^&#]+/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1REDACTED');
}

/** Default code for an HTTP status when the vendor body says nothing more precise. */
export function codeForStatus(status: number): UpstreamErrorCode {
  if (status === 401 || status === 403) return 'upstream_auth';
  if (status === 429) return 'upstream_rate_limited';
  if (status === 408 || status === 504) return 'upstream_timeout';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'upstream_error';
}
