import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import type { Logger } from 'pino';
import { ApiError } from './api-error';

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
    if (apiError.status >= 500) logger.error({ err: error, path: req.path }, 'unhandled error');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(apiError.options.headers ?? {})) res.setHeader(name, value);
    res.status(apiError.status).json(apiError.toBody());
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const typed = error as { type?: string; status?: number; message?: string; limit?: number };
  if (typed?.type === 'entity.parse.failed') {
    return new ApiError(400, `The request body is not valid JSON (${typed.message}). Send a JSON object with Content-Type: application/json.`, { code: 'invalid_json' });
  }
  if (typed?.type === 'entity.too.large') {
    return new ApiError(413, `The request body is larger than the ${typed.limit} byte limit. Send images as URLs, or as files in a multipart request.`, { code: 'body_too_large' });
  }
  if (typed?.type === 'encoding.unsupported' || typed?.type === 'charset.unsupported') {
    return new ApiError(415, `Unsupported body encoding: ${typed.message}.`, { code: 'unsupported_encoding' });
  }
  if (error instanceof multer.MulterError) {
    const status = error.code === 'LIMIT_FILE_SIZE' ? 413 : 400;
    return new ApiError(status, `Invalid multipart body: ${error.message}${error.field ? ` (field ${error.field})` : ''}.`, { param: error.field ?? null, code: 'invalid_multipart' });
  }
  if (typeof typed?.status === 'number' && typed.status >= 400 && typed.status < 500) {
    return new ApiError(typed.status, typed.message ?? 'Bad request.');
  }
  return new ApiError(500, 'Internal error. It has been logged; retry, and report it if it persists.', { code: 'internal_error' });
}
