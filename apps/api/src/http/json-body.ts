import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error';
import { REQUEST_LIMITS, assertBodyDepth } from './body-limits';

/**
 * The JSON body of the routes served ahead of express (chat completions, messages), with the
 * express routes' contract: up to the documented limit (a 413 before more is read past it),
 * depth-checked, a 400 that says what is wrong with bad JSON.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ApiError(400, `The request body is not valid JSON (${(error as Error).message}). Send a JSON object with Content-Type: application/json.`, { code: 'invalid_json' });
  }
  assertBodyDepth(body);
  return body;
}

/** The path of a request URL, without its query. */
export function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
}

/** Events, not an async iterator: one promise per body instead of one per chunk. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  const tooLarge = () =>
    new ApiError(413, `The request body is larger than the ${(REQUEST_LIMITS.jsonBodyBytes / 1024 / 1024).toFixed(0)} MB limit for JSON bodies. Send images as https URLs.`, { code: 'body_too_large' });
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > REQUEST_LIMITS.jsonBodyBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > REQUEST_LIMITS.jsonBodyBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
