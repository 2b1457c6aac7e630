import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FakeState } from './fake-state';
import { GoogleHttpError, invalidArgument, notFound } from './google-error';
import { hasVideo } from './operations';
import { videoChunks } from './video-bytes';

/**
 * GET /v1beta/files/{id}:download?alt=media (key required): like the real API, a redirect to
 * a signed URL that needs no key (providers.md §2 "Download": clients must follow redirects).
 */
export function handleFileDownload(state: FakeState, response: ServerResponse, fileId: string, query: URLSearchParams): void {
  if (query.get('alt') !== 'media') throw invalidArgument('Only alt=media downloads are supported for generated videos.');
  const operation = state.files.get(fileId);
  if (!operation || !hasVideo(operation, state.now())) throw notFound(`File files/${fileId} not found.`);
  response.writeHead(302, { location: `${state.origin}/_blob/${fileId}?sig=${sign(state, fileId)}`, 'content-length': '0' });
  response.end();
}

/** GET /_blob/{id}?sig=…: the MP4 bytes, with no auth but the signature. */
export async function handleBlob(state: FakeState, response: ServerResponse, fileId: string, query: URLSearchParams): Promise<void> {
  const operation = state.files.get(fileId);
  if (!operation || !validSignature(state, fileId, query.get('sig') ?? '')) {
    throw new GoogleHttpError(403, 'PERMISSION_DENIED', 'The signed URL is invalid or has expired.');
  }
  state.stats.downloads += 1;
  response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(operation.videoBytes) });
  await pipeline(Readable.from(videoChunks(fileId, operation.videoBytes)), response);
}

function sign(state: FakeState, fileId: string): string {
  return createHmac('sha256', state.blobSecret).update(fileId).digest('hex').slice(0, 32);
}

function validSignature(state: FakeState, fileId: string, signature: string): boolean {
  const expected = Buffer.from(sign(state, fileId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
