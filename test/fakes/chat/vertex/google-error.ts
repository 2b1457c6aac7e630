/**
 * The two error shapes of Google's side of Vertex AI (text-providers.md §1.2): the API's
 * `[{"error":{code,message,status}}]` (an array; some answers send the bare object), and the
 * OAuth token endpoint's `{"error","error_description"}`.
 */
export type GoogleStatus = 'INVALID_ARGUMENT' | 'FAILED_PRECONDITION' | 'UNAUTHENTICATED' | 'PERMISSION_DENIED' | 'NOT_FOUND' | 'RESOURCE_EXHAUSTED';

/** Thrown by the prediction routes; the router writes it. */
export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    readonly googleStatus: GoogleStatus,
    message: string,
    /** `array` as most Vertex answers are; `object` for the bare `{"error":…}` some send. */
    readonly shape: 'array' | 'object' = 'array',
  ) {
    super(message);
    this.name = 'GoogleApiError';
  }

  body(): unknown {
    const error = { error: { code: this.status, message: this.message, status: this.googleStatus } };
    return this.shape === 'array' ? [error] : error;
  }
}

/** Thrown by the token route: OAuth 2's error body (RFC 6749 §5.2). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  body(): unknown {
    return { error: this.error, error_description: this.description };
  }
}

/** What Google answers for a missing, unknown or expired bearer token. */
export const unauthenticated = () =>
  new GoogleApiError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  );

/** The quota 429 users meet first (the default quota is often 0); Google sends no Retry-After with it. */
export const quotaExceeded = (model: string) =>
  new GoogleApiError(
    429,
    'RESOURCE_EXHAUSTED',
    `Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: anthropic-${model.split('@')[0]}. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.`,
  );
