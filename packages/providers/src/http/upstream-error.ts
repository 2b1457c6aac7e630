import type { UpstreamErrorCode } from '../contract/upstream-error-code';

/**
 * Whether an upstream create may have produced a paid task. `no` means a response
 * said it did not (or the request never left); `unknown` means we cannot tell and must
 * not resubmit blindly.
 */
export type TaskMayExist = 'no' | 'unknown';

export interface UpstreamErrorInit {
  code: UpstreamErrorCode;
  message: string;
  url: string;
  statusCode?: number;
  responseBody?: string;
  isRetryable: boolean;
  retryAfterMs?: number;
  taskMayExist?: TaskMayExist;
}

/** A failed call to a vendor, with enough context to say where it happened. */
export class UpstreamError extends Error {
  readonly code: UpstreamErrorCode;
  readonly url: string;
  readonly statusCode?: number;
  readonly responseBody?: string;
  readonly isRetryable: boolean;
  readonly retryAfterMs?: number;
  readonly taskMayExist: TaskMayExist;

  constructor(init: UpstreamErrorInit) {
    super(init.message);
    this.name = 'UpstreamError';
    this.code = init.code;
    this.url = init.url;
    this.statusCode = init.statusCode;
    this.responseBody = init.responseBody;
    this.isRetryable = init.isRetryable;
    this.retryAfterMs = init.retryAfterMs;
    this.taskMayExist = init.taskMayExist ?? 'no';
  }

  /** The same error with some fields changed (errors are immutable once thrown). */
  with(changes: Partial<UpstreamErrorInit>): UpstreamError {
    return new UpstreamError({
      code: this.code,
      message: this.message,
      url: this.url,
      statusCode: this.statusCode,
      responseBody: this.responseBody,
      isRetryable: this.isRetryable,
      retryAfterMs: this.retryAfterMs,
      taskMayExist: this.taskMayExist,
      ...changes,
    });
  }
}

/** 408, 409, 429 and 5xx are worth another try; other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Reads `Retry-After` (seconds or HTTP date) and `retry-after-ms`. */
export function parseRetryAfterMs(headers: { get(name: string): string | null }, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Network failures before a response: a refused or unresolved connection means the
 * request never reached the vendor; anything else (reset, timeout) leaves it unknown.
 */
export function describeNetworkFailure(error: unknown): { message: string; taskMayExist: TaskMayExist; timedOut: boolean } {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  const name = (error as { name?: string })?.name;
  const timedOut = name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT';
  const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  const detail = cause?.message ?? (error as Error)?.message ?? String(error);
  return { message: detail, taskMayExist: neverSent ? 'no' : 'unknown', timedOut };
}
