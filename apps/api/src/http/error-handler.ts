import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import type { Logger } from 'pino';
import { ApiError } from './api-error';
import { REQUEST_LIMITS } from './body-limits';
import { isRedisUnavailable } from '../redis-connection';

/** What a 503 for an unreachable Redis tells clients to wait: reconnects are tried every second. */
const RETRY_AFTER_SECONDS = 2;

/** Unknown routes answer in OpenAI's error shape too. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, `No route for ${req.method} ${req.path}. See GET /openapi.json for the API.`, { code: 'route_not_found' }));
};

/**
 * Turns every error into OpenAI's shape. Body-parser and multer failures are the
 * client's (4xx); anything unexpected is a 500 with a generic message, logged with its stack.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const apiError = toApiError(error);
    if (apiError.status === 503) logger.warn({ path: req.path, err: (error as Error).message }, 'redis unreachable; answered 503');
    else if (apiError.status >= 500) logger.error({ err: error, path: req.path }, 'unhandled error');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendApiError(res, apiError);
  };
}

/** Writes an error in OpenAI's shape on a plain Node response (express's or the text path's). */
export function sendApiError(res: ServerResponse, apiError: ApiError): void {
  const text = JSON.stringify(apiError.toBody());
  res.writeHead(apiError.status, { ...apiError.options.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isRedisUnavailable(error)) {
    // Nothing was accepted: a create answers 202 only once its job is in Redis.
    return new ApiError(503, 'reelay cannot reach its Redis right now, so this request was not served (a create was not accepted). Retry in a few seconds; operators: check REDIS_URL and /health/readiness.', {
      type: 'server_error',
      code: 'service_unavailable',
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    });
  }
  const typed = error as { type?: string; status?: number; message?: string; limit?: number };
  if (typed?.type === 'entity.parse.failed') {
    return new ApiError(400, `The request body is not valid JSON (${typed.message}). Send a JSON object with Content-Type: application/json.`, { code: 'invalid_json' });
  }
  if (typed?.type === 'entity.too.large') {
    const limit = typed.limit === undefined ? 'its' : `the ${(typed.limit / 1024 / 1024).toFixed(0)} MB`;
    return new ApiError(413, `The request body is larger than ${limit} limit for JSON bodies. Send images as https URLs, or as files in a multipart request.`, { code: 'body_too_large' });
  }
  if (typed?.type === 'encoding.unsupported' || typed?.type === 'charset.unsupported') {
    return new ApiError(415, `Unsupported body encoding: ${typed.message}.`, { code: 'unsupported_encoding' });
  }
  if (error instanceof multer.MulterError) {
    const tooLarge = error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FIELD_VALUE';
    const limit = error.code === 'LIMIT_FILE_SIZE' ? ` (an image file may be ${REQUEST_LIMITS.imageBytes / 1024 / 1024} MB)` : '';
    return new ApiError(tooLarge ? 413 : 400, `Invalid multipart body: ${error.message}${error.field ? ` (field ${error.field})` : ''}${limit}.`, {
      param: error.field ?? null,
      code: tooLarge ? 'body_too_large' : 'invalid_multipart',
    });
  }
  if (typeof typed?.status === 'number' && typed.status >= 400 && typed.status < 500) {
    return new ApiError(typed.status, typed.message ?? 'Bad request.');
  }
  return new ApiError(500, 'Internal error. It has been logged; retry, and report it if it persists.', { code: 'internal_error' });
}
