import { withoutSecret } from '../http/without-secret';
import { UpstreamError } from '../http/upstream-error';
import type { UpstreamErrorCode } from '../contract/upstream-error-code';
import { codeForStatus } from '../http/call-upstream';
import { detailsOfType, parseDurationMs, parseErrorBody, type RpcStatus } from './gemini-wire';

export interface FailureDescription {
  code: UpstreamErrorCode;
  message: string;
  retryable?: boolean;
}

export interface DescribeOptions {
  /** What to tell the user to fix on an auth failure, e.g. `GEMINI_API_KEY`. */
  keyName: string;
  /** Scrubbed from every message, in case an upstream ever echoes it. */
  apiKey?: string;
  /** What the call was for, e.g. `the video of models/…/operations/…`; used for 404s. */
  subject?: string;
  /** Downloads: a missing file has outlived the 2-day retention. */
  notFoundMeans?: 'invalid_request' | 'expired';
}

/**
 * A non-2xx answer (google.rpc.Status body) → our code. A wrong key is a 400
 * INVALID_ARGUMENT with reason API_KEY_INVALID, a missing one a 403 PERMISSION_DENIED.
 */
export function describeGeminiFailure(status: number, body: string, options: DescribeOptions): FailureDescription {
  const rpc = parseErrorBody(body);
  const vendorMessage = rpc?.message ?? body.slice(0, 300);
  const head = `Gemini API answered ${status}${rpc?.status ? ` ${rpc.status}` : ''}: ${vendorMessage}`.trim();
  const describe = (code: UpstreamErrorCode, hint = '', retryable?: boolean): FailureDescription => ({
    code,
    message: scrub(`${head}${hint}`, options.apiKey),
    ...(retryable === undefined ? {} : { retryable }),
  });

  if (isKeyProblem(status, rpc)) return describe('upstream_auth', ` Check ${options.keyName}.`, false);
  if (status === 401 || status === 403) {
    return describe('upstream_auth', ` Check ${options.keyName} (Veo needs a Gemini API key on a paid tier).`, false);
  }
  if (status === 429) {
    return describe('upstream_rate_limited', dailyQuotaExhausted(rpc) ? ' A per-day quota is exhausted: retries keep failing until it resets (midnight Pacific time).' : '');
  }
  if (status === 404) {
    if (options.notFoundMeans === 'expired') return describe('expired', ' Veo keeps generated videos for 2 days only.', false);
    return describe('invalid_request', options.subject ? ` (${options.subject} was not found.)` : '');
  }
  return describe(codeForStatus(status));
}

function isKeyProblem(status: number, rpc: RpcStatus | undefined): boolean {
  if (status !== 400) return false;
  const reasons = detailsOfType(rpc, 'ErrorInfo').map((detail) => detail.reason);
  return reasons.includes('API_KEY_INVALID') || reasons.includes('API_KEY_EXPIRED') || /api key/i.test(rpc?.message ?? '');
}

function dailyQuotaExhausted(rpc: RpcStatus | undefined): boolean {
  return detailsOfType(rpc, 'QuotaFailure').some((detail) => {
    const violations = Array.isArray(detail.violations) ? (detail.violations as Record<string, unknown>[]) : [];
    return violations.some((violation) =>
      /per[ _-]?day|daily/i.test(`${violation.quotaId ?? ''} ${violation.quotaMetric ?? ''} ${violation.description ?? ''}`),
    );
  });
}

/** RetryInfo.retryDelay of a 429 body, used when no Retry-After header came with it. */
export function retryDelayFromBody(body: string | undefined): number | undefined {
  if (!body) return undefined;
  const [retryInfo] = detailsOfType(parseErrorBody(body), 'RetryInfo');
  return parseDurationMs(retryInfo?.retryDelay);
}

/** The same error with a delay taken from the body, when the headers carried none. */
export function withBodyRetryDelay(error: UpstreamError): UpstreamError {
  if (error.retryAfterMs !== undefined || error.statusCode !== 429) return error;
  const retryAfterMs = retryDelayFromBody(error.responseBody);
  return retryAfterMs === undefined ? error : error.with({ retryAfterMs });
}

/** google.rpc.Code of a finished operation's `error` → our code. */
export function codeForOperationError(error: RpcStatus): UpstreamErrorCode {
  // Veo reports prompts it refuses as INVALID_ARGUMENT; their message names the usage guidelines.
  if (/usage guidelines|responsible ai|safety (?:filter|polic)/i.test(error.message ?? '')) return 'content_policy_violation';
  switch (error.code) {
    case 3:
      return 'invalid_request';
    case 7:
    case 16:
      return 'upstream_auth';
    case 8:
      return 'upstream_rate_limited';
    default:
      return 'upstream_error';
  }
}

export const scrub = (message: string, apiKey: string | undefined): string => withoutSecret(message, apiKey);
