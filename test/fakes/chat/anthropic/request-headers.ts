/** The two headers every Messages call must carry, and the header copy `received()` keeps. */
import type { IncomingMessage, IncomingHttpHeaders } from 'node:http';
import { invalidApiKey, invalidRequest } from './anthropic-error';

/**
 * Anthropic documents `x-api-key`; `@anthropic-ai/sdk` 1.x sends `Authorization: Bearer`.
 * Either header with the right key is enough.
 */
export function checkApiKey(request: IncomingMessage, apiKey: string): void {
  const headerKey = request.headers['x-api-key'];
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  if (headerKey === apiKey || bearer === apiKey) return;
  throw invalidApiKey();
}

/** Any value is accepted: clients send 2023-06-01 and the 1.x SDK 2026-10-21. */
export function requireVersion(request: IncomingMessage): void {
  if (!request.headers['anthropic-version']) throw invalidRequest('anthropic-version: header is required');
}

/** Node already lower-cases names; repeated headers are joined as they would be on one line. */
export function copyHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
}
