/**
 * Google API errors: HTTP status + google.rpc.Status body `{error: {code, message, status, details}}`
 * (providers.md §2 "Errors"). Handlers throw these; the router sends them.
 */
export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: Record<string, unknown>[] };
}

export class GoogleHttpError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly rpcStatus: string,
    message: string,
    readonly details: Record<string, unknown>[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GoogleHttpError';
  }

  body(): GoogleErrorBody {
    const error: GoogleErrorBody['error'] = { code: this.httpStatus, message: this.message, status: this.rpcStatus };
    if (this.details.length > 0) error.details = this.details;
    return { error };
  }
}

const TYPE = 'type.googleapis.com/google.rpc';

export function invalidArgument(message: string): GoogleHttpError {
  return new GoogleHttpError(400, 'INVALID_ARGUMENT', message);
}

/** What the Gemini API answers to a wrong key: a 400, not a 401 (providers.md "Checked against the official SDKs"). */
export function apiKeyInvalid(): GoogleHttpError {
  return new GoogleHttpError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    { '@type': `${TYPE}.ErrorInfo`, reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
    { '@type': `${TYPE}.LocalizedMessage`, locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
  ]);
}

/** What it answers when no key came at all. */
export function missingApiKey(): GoogleHttpError {
  return new GoogleHttpError(
    403,
    'PERMISSION_DENIED',
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

export function notFound(message: string): GoogleHttpError {
  return new GoogleHttpError(404, 'NOT_FOUND', message);
}

/** The `[429]` marker: QuotaFailure + RetryInfo in the body, and a Retry-After header as well. */
export function resourceExhausted(model: string, retrySeconds: number): GoogleHttpError {
  return new GoogleHttpError(
    429,
    'RESOURCE_EXHAUSTED',
    'You exceeded your current quota, please check your plan and billing details.',
    [
      {
        '@type': `${TYPE}.QuotaFailure`,
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/predict_long_running_requests',
            quotaId: 'PredictLongRunningRequestsPerMinutePerProjectPerModel',
            quotaDimensions: { location: 'global', model },
            quotaValue: '2',
          },
        ],
      },
      { '@type': `${TYPE}.Help`, links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] },
      { '@type': `${TYPE}.RetryInfo`, retryDelay: `${retrySeconds}s` },
    ],
    { 'retry-after': String(retrySeconds) },
  );
}

export function internalError(): GoogleHttpError {
  return new GoogleHttpError(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
}
