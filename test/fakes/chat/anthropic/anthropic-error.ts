/**
 * Anthropic's error envelope (text-providers.md §1.2): `{"type":"error","error":{type,message},
 * "request_id"}`, the same object that arrives as `event: error` inside a stream.
 */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

/** Thrown by handlers; the router turns it into the HTTP answer. */
export class AnthropicHttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: AnthropicErrorType,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AnthropicHttpError';
  }

  body(requestId: string) {
    return { type: 'error', error: { type: this.type, message: this.message }, request_id: requestId };
  }
}

export const invalidRequest = (message: string) => new AnthropicHttpError(400, 'invalid_request_error', message);

/** Anthropic says the same for a missing and a wrong key, whichever header carried it. */
export const invalidApiKey = () => new AnthropicHttpError(401, 'authentication_error', 'invalid x-api-key');

export const notFound = (message: string) => new AnthropicHttpError(404, 'not_found_error', message);

export const requestTooLarge = () =>
  new AnthropicHttpError(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');

export const rateLimited = () =>
  new AnthropicHttpError(
    429,
    'rate_limit_error',
    "This request would exceed your organization's rate limit. For details, refer to: https://docs.claude.com/en/api/rate-limits.",
    { 'retry-after': '1' },
  );

/** What Anthropic answers under load: 529, not 503, so clients must treat 529 as retryable. */
export const overloaded = () => new AnthropicHttpError(529, 'overloaded_error', 'Overloaded');

export const internalError = () => new AnthropicHttpError(500, 'api_error', 'Internal server error');

/** The in-stream error after a 200; the brief's transcript carries no request_id here. */
export const overloadedEvent = () => ({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
