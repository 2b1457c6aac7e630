import type { IncomingMessage } from 'node:http';
import { ArkHttpError, invalidParameter } from './ark-error';

/** Room for a 30 MB image as a base64 data URL, plus the rest of the body. */
const MAX_BODY_BYTES = 48 * 1024 * 1024;

/** Reads a JSON object body; anything else is Ark's 400. */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total > MAX_BODY_BYTES) throw new ArkHttpError(413, 'InvalidParameter', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw invalidParameter('body', 'the request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidParameter('body', 'the request body must be a JSON object');
  return parsed as Record<string, unknown>;
}
