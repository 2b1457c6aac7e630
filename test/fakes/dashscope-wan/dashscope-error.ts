import { randomUUID } from 'node:crypto';

/**
 * DashScope's native error envelope: `{"code", "message", "request_id"}` (providers.md §3).
 * Thrown by handlers; the router turns it into the HTTP answer.
 */
export class DashScopeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DashScopeHttpError';
  }

  body(): { code: string; message: string; request_id: string } {
    return { code: this.code, message: this.message, request_id: randomUUID() };
  }
}

export const invalidApiKey = () => new DashScopeHttpError(401, 'InvalidApiKey', 'Invalid API-key provided.');

/** Status 403 is reported by third-party code only [R]; the message is the documented one. */
export const synchronousCallRefused = () =>
  new DashScopeHttpError(403, 'AccessDenied', 'current user api does not support synchronous calls');

export const invalidParameter = (message: string) => new DashScopeHttpError(400, 'InvalidParameter', message);

export const modelNotFound = () => new DashScopeHttpError(404, 'ModelNotFound', 'Model not exist.');

export const dataInspectionFailed = () =>
  new DashScopeHttpError(400, 'DataInspectionFailed', 'Input data may contain inappropriate content.');

export const throttled = () =>
  new DashScopeHttpError(429, 'Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.', { 'retry-after': '2' });

/** The cancel refusal's exact code and wording are unconfirmed [U]; this is the fake's choice. */
export const cancelRefused = () =>
  new DashScopeHttpError(400, 'UnsupportedOperation', 'Failed to cancel the task, please confirm if the task can be canceled.');

/** Unconfirmed [U]: the body DashScope gives an unknown path. */
export const invalidUrl = (method: string, path: string) =>
  new DashScopeHttpError(404, 'InvalidURL', `Invalid URL provided in your request (${method} ${path}).`);

export const internalError = () =>
  new DashScopeHttpError(500, 'InternalError', 'An internal error has occured, please try again later or contact service support.');
