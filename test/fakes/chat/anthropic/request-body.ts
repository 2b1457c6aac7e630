import type { IncomingMessage } from 'node:http';
import { invalidRequest, requestTooLarge } from './anthropic-error';

/** The Messages API limit (text-providers.md §1.2: 413 `request_too_large` above 32 MB). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the whole body; `null` when it is not a JSON object (the caller records, then refuses it). */
export async function readJsonObject(request: IncomingMessage): Promise<JsonObject | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total > MAX_BODY_BYTES) throw requestTooLarge();
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return isJsonObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export const notAJsonObject = () => invalidRequest('The request body is not valid JSON: expected an object.');
