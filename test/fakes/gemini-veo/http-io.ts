import type { IncomingMessage, ServerResponse } from 'node:http';
import { GoogleHttpError, invalidArgument } from './google-error';

/** A 20 MB inline image as base64, plus the rest of the body. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=UTF-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

/** The body as JSON, with Google's wording for what it cannot parse. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total > MAX_BODY_BYTES) throw new GoogleHttpError(413, 'INVALID_ARGUMENT', 'Request payload size exceeds the limit: 33554432 bytes.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidArgument(`Invalid JSON payload received. Unexpected token.\n${text.slice(0, 40)}\n^`);
  }
}
