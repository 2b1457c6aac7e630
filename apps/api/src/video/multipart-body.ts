import multer from 'multer';
import type { RequestHandler } from 'express';
import { ApiError } from '../http/api-error';
import { REQUEST_LIMITS, assertBodyDepth } from '../http/body-limits';
import { sniffImageType } from './image-data-url';

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: REQUEST_LIMITS.imageBytes, files: 1, fields: 64, fieldSize: REQUEST_LIMITS.multipartFieldBytes },
});

/**
 * openai-node ≥ 6.28 sends `videos.create` as multipart/form-data: every value a string,
 * nested objects flattened to `input_reference[image_url]`, images as a file part.
 * This rebuilds the JSON body the rest of the API expects.
 */
export const parseMultipartVideoBody: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) return next();
  upload.any()(req, res, (error?: unknown) => {
    if (error) return next(error instanceof multer.MulterError ? error : unreadableMultipart(error));
    try {
      req.body = fromFormFields(req.body as Record<string, string>, (req.files as Express.Multer.File[] | undefined) ?? []);
      assertBodyDepth(req.body); // JSON-valued fields (provider_options, metadata) are parsed here
    } catch (failure) {
      return next(failure);
    }
    next();
  });
};

function fromFormFields(fields: Record<string, string>, files: Express.Multer.File[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const nested = /^([a-z_]+)\[([A-Za-z0-9_.-]+)\]$/.exec(name);
    if (nested) {
      const parent = (body[nested[1]!] ??= {}) as Record<string, unknown>;
      parent[nested[2]!] = value;
    } else {
      body[name] = value;
    }
  }
  if (typeof body.seed === 'string' && /^-?\d+$/.test(body.seed)) body.seed = Number(body.seed);
  if (body.generate_audio === 'true' || body.generate_audio === 'false') body.generate_audio = body.generate_audio === 'true';
  if (typeof body.provider_options === 'string') body.provider_options = parseJsonField(body.provider_options);
  if (typeof body.metadata === 'string') body.metadata = parseJsonField(body.metadata);
  for (const file of files) {
    if (file.fieldname !== 'input_reference' && file.fieldname !== 'image') {
      body[file.fieldname] = `(a file)`;
      continue;
    }
    // Clients label files loosely (application/octet-stream): the bytes say what the image is.
    const type = file.mimetype?.startsWith('image/') ? file.mimetype : (sniffImageType(file.buffer) ?? file.mimetype ?? 'image/png');
    const dataUrl = `data:${type};base64,${file.buffer.toString('base64')}`;
    if (file.fieldname === 'image') body.image = dataUrl;
    else body.input_reference = { ...(body.input_reference as object | undefined), image_url: dataUrl };
  }
  return body;
}

/** Busboy's own errors (no boundary, a truncated body, a malformed part) are the client's. */
function unreadableMultipart(error: unknown): ApiError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError(
    400,
    `The multipart body could not be read (${detail}). Send Content-Type: multipart/form-data; boundary=<boundary> with every part framed by that boundary and the closing --<boundary>--, or send JSON.`,
    { code: 'invalid_multipart' },
  );
}

function parseJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value; // left as a string: validation then names the field
  }
}
