import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { invalidRequest, OpenAIHttpError } from './openai-error';

/** A 20 MB image as a base64 data URL, plus the rest of the body. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface UploadedFile {
  /** The multipart field name, e.g. `input_reference`. */
  field: string;
  filename: string;
  mimeType: string;
  bytes: number;
  sha256: string;
}

export interface ReceivedBody {
  encoding: 'json' | 'multipart';
  /** The request's content-type header as sent. */
  contentType: string;
  /** Fields as received: JSON values as sent, multipart values as flat strings (`input_reference[image_url]`). */
  fields: Record<string, unknown>;
  files: UploadedFile[];
}

/** Reads a JSON or multipart body. Anything not multipart is parsed as JSON, as OpenAI does. */
export async function readBody(request: IncomingMessage): Promise<ReceivedBody> {
  const contentType = request.headers['content-type'] ?? '';
  if (/^multipart\/form-data/i.test(contentType)) return readMultipart(request, contentType);
  const raw = await readRaw(request);
  let parsed: unknown;
  try {
    parsed = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalidRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  return { encoding: 'json', contentType, fields: parsed as Record<string, unknown>, files: [] };
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function readMultipart(request: IncomingMessage, contentType: string): Promise<ReceivedBody> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string | string[]> = {};
    const files: UploadedFile[] = [];
    let failure: OpenAIHttpError | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { fieldSize: MAX_BODY_BYTES, fileSize: MAX_FILE_BYTES, fields: 100, files: 4 },
      });
    } catch (error) {
      reject(invalidRequest(`Could not parse the multipart body: ${(error as Error).message}`));
      return;
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= tooLarge();
      const previous = fields[name];
      // Repeated names (`character_ids[]`) become arrays; single ones stay strings.
      fields[name] = previous === undefined ? value : [previous, value].flat();
    });
    parser.on('file', (field, stream, info) => {
      const hash = createHash('sha256');
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      stream.on('limit', () => {
        failure ??= invalidRequest(`The file in '${field}' is larger than 20 MB.`, field);
      });
      stream.on('end', () => {
        files.push({ field, filename: info.filename ?? '', mimeType: info.mimeType, bytes, sha256: hash.digest('hex') });
      });
    });
    parser.on('error', (error: Error) => reject(invalidRequest(`Could not parse the multipart body: ${error.message}`)));
    parser.on('close', () => {
      if (failure) reject(failure);
      else resolve({ encoding: 'multipart', contentType, fields, files });
    });
    request.pipe(parser);
  });
}

function tooLarge() {
  return invalidRequest('The request body is too large.', null, null, 413);
}
