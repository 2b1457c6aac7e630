import { randomBytes } from 'node:crypto';

/**
 * Ark's error envelope: `{"error":{"code","message","param","type"}}` (providers.md §4). The
 * messages end with "Request id: …" as Ark's do; the `type` names follow the HTTP status
 * ([R]: seen in third-party captures, not in the docs).
 */
export class ArkHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param = '',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(requestId: string) {
    return { error: { code: this.code, message: `${this.message} Request id: ${requestId}`, param: this.param, type: typeForStatus(this.status) } };
  }
}

/** Ark request ids are long digit-and-hex strings starting `02`. */
export function newRequestId(): string {
  return `02${Date.now()}${randomBytes(12).toString('hex')}`;
}

function typeForStatus(status: number): string {
  if (status === 400) return 'BadRequest';
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'NotFound';
  if (status === 429) return 'TooManyRequests';
  return status >= 500 ? 'InternalServiceError' : 'BadRequest';
}

export function authenticationError(): ArkHttpError {
  return new ArkHttpError(401, 'AuthenticationError', 'The API key or AK/SK in the request is missing or invalid.');
}

export function invalidParameter(param: string, detail: string): ArkHttpError {
  return new ArkHttpError(400, 'InvalidParameter', `The parameter \`${param}\` specified in the request is not valid: ${detail}.`, param);
}

export function missingParameter(param: string): ArkHttpError {
  return new ArkHttpError(400, 'MissingParameter', `The request failed because it is missing one or multiple required parameters: \`${param}\`.`, param);
}

export function modelNotFound(model: string): ArkHttpError {
  return new ArkHttpError(404, 'InvalidEndpointOrModel.NotFound', `The model or endpoint ${model} does not exist or you do not have access to it.`);
}

/** The code for an unknown task id is not documented [U]; this spelling is our guess. */
export function taskNotFound(id: string): ArkHttpError {
  return new ArkHttpError(404, 'ResourceNotFound', `The specified task ${id} is not found.`, 'id');
}

/** Retry-After is not documented for Ark [U]; the fakes all send 2 s so the contract can check it is honoured. */
export function rpmRateLimited(model: string): ArkHttpError {
  return new ArkHttpError(
    429,
    'ModelAccountRpmRateLimitExceeded',
    `Request failed because you have exceeded the RPM limit of model ${model}. Please try again later.`,
    '',
    { 'retry-after': '2' },
  );
}

export function internalError(): ArkHttpError {
  return new ArkHttpError(500, 'InternalServiceError', 'The service encountered an unexpected internal error.');
}
