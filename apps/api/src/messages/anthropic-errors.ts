import type { ServerResponse } from 'node:http';
import type { UpstreamError } from '@reelay/providers';
import type { ApiError } from '../http/api-error';

/** Anthropic's error types by status (text-providers.md §1.2); reelay keeps its own status codes. */
const TYPE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  // No deployment can take the request now: what Anthropic calls being overloaded, and what its clients retry.
  503: 'overloaded_error',
  529: 'overloaded_error',
};

export function anthropicErrorType(status: number): string {
  return TYPE_OF_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/**
 * An error in Anthropic's shape, `{type: "error", error: {type, message}, request_id}`, with
 * reelay's words (they name the cause and the fix), its code as `error.details.error_code`
 * (what the Anthropic SDKs expose as `errorCode`) and, when routing failed, `error.attempts`.
 */
export function anthropicErrorBody(apiError: ApiError, requestId: string): Record<string, unknown> {
  const error: Record<string, unknown> = { type: anthropicErrorType(apiError.status), message: apiError.message };
  if (apiError.options.code) error.details = { error_code: apiError.options.code };
  const attempts = apiError.options.extra?.attempts;
  if (attempts !== undefined) error.attempts = attempts;
  return { type: 'error', error, request_id: requestId };
}

export function sendAnthropicError(res: ServerResponse, apiError: ApiError, requestId: string): void {
  const text = JSON.stringify(anthropicErrorBody(apiError, requestId));
  res.writeHead(apiError.status, { ...apiError.options.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A failure after content reached the client, as Anthropic's in-stream `event: error`. */
export function anthropicStreamError(error: UpstreamError): string {
  const overloaded = error.code === 'upstream_rate_limited' || error.statusCode === 529 || error.statusCode === 503;
  const data = { type: 'error', error: { type: overloaded ? 'overloaded_error' : 'api_error', message: error.message, details: { error_code: error.code } } };
  return `event: error\ndata: ${JSON.stringify(data)}\n\n`;
}
