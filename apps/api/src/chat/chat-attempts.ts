import type { UpstreamError, UpstreamErrorCode } from '@reelay/providers';
import type { Exclusion } from '@reelay/limits';
import { ApiError } from '../http/api-error';

/** One deployment the router tried, or left out, for a request; documented as `error.attempts`. */
export interface ChatAttempt {
  deployment: string;
  provider?: string;
  /** The vendor's HTTP status, when it answered. */
  status?: number;
  /** reelay's reading of the failure (`upstream_auth`, `upstream_rate_limited`, …), or `skipped`. */
  code: UpstreamErrorCode | 'skipped';
  message: string;
}

/** A failure of a vendor worth trying elsewhere: its key, its limits, its health. A bad request fails everywhere. */
export function triesElsewhere(error: UpstreamError): boolean {
  return error.code !== 'invalid_request' && error.code !== 'content_policy_violation';
}

const STATUS_OF: Readonly<Record<UpstreamErrorCode, number>> = {
  invalid_request: 400,
  content_policy_violation: 400,
  upstream_auth: 401,
  // LiteLLM and OpenAI answer a spent quota as a 429; the code says it is not a pause.
  upstream_quota: 429,
  upstream_rate_limited: 429,
  upstream_timeout: 504,
  upstream_error: 502,
  upstream_unknown: 502,
  expired: 502,
};

/**
 * The answer when no deployment could serve: the status class of the failure that matters
 * most (a bad request over a rate limit over an outage), the vendors' own words, the group,
 * and every deployment with what happened to it or why it was left out.
 */
export function noDeploymentAnswered(group: string, attempts: readonly ChatAttempt[], skipped: readonly Exclusion[], retryAfterMs?: number): ApiError {
  // A deployment tried and failed is listed once, with what it said (the router also lists it as left out, labelled for a fallback group).
  const tried = new Set(attempts.map((a) => a.deployment));
  const all: ChatAttempt[] = [...attempts, ...skipped.filter((s) => !tried.has(s.id.split(' ')[0]!)).map((s) => ({ deployment: s.id, code: 'skipped' as const, message: s.reason }))];
  const answered = attempts.filter((a) => a.code !== 'skipped');
  const decisive = pickDecisive(answered);
  const status = decisive ? statusOf(decisive) : retryAfterMs !== undefined ? 429 : 503;
  const lines = all.map((a, index) => `[${index + 1}] deployment "${a.deployment}"${a.provider ? ` (${a.provider})` : ''}: ${a.code === 'skipped' ? `left out, ${a.message}` : a.message}`);
  const head = answered.length === 0 ? `No deployment of model "${group}" could take this request now.` : `Model "${group}" failed on every deployment it was tried on.`;
  const headers: Record<string, string> = {};
  const retryAfter = decisive?.code === 'upstream_rate_limited' || !decisive ? retryAfterMs : undefined;
  if (retryAfter !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter / 1000)));
  return new ApiError(status, `${head} ${lines.join(' ')}`, {
    code: decisive?.code ?? 'no_deployment_available',
    headers,
    extra: { attempts: all },
  });
}

function statusOf(attempt: ChatAttempt): number {
  // A vendor's own 404 / 403 (model not found, no access) keeps its class.
  if (attempt.code === 'invalid_request' && attempt.status === 404) return 404;
  if (attempt.code === 'upstream_auth' && attempt.status === 403) return 403;
  if (attempt.code === 'upstream_error' && attempt.status === 503) return 503;
  return STATUS_OF[attempt.code as UpstreamErrorCode];
}

const PRIORITY: readonly string[] = ['invalid_request', 'content_policy_violation', 'upstream_rate_limited', 'upstream_timeout', 'upstream_error', 'upstream_quota', 'upstream_auth'];

function pickDecisive(attempts: readonly ChatAttempt[]): ChatAttempt | undefined {
  for (const code of PRIORITY) {
    const found = [...attempts].reverse().find((a) => a.code === code);
    if (found) return found;
  }
  return attempts.at(-1);
}
