import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newRequestId } from './ark-error';
import type { FakeState } from './fake-state';
import { sendJson } from './http-response';
import { checkTosSignature } from './tos';
import { seedanceVideoChunks } from './video-bytes';

/** A 1×1 PNG stands in for `last_frame_url`. */
const LAST_FRAME_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * GET /_tos/{task id}.mp4?X-Tos-…: the pre-signed result download. Public like TOS: the
 * query signature is the credential. A request that also carries an Authorization header
 * is refused, as object stores refuse two auth mechanisms at once, so an adapter that
 * leaks the Ark key to object storage fails its tests. TOS error bodies are JSON
 * `{Code, Message, RequestId, HostId}`.
 */
export async function handleTosGet(state: FakeState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const key = decodeURIComponent(url.pathname.slice('/_tos/'.length));
  if (request.headers.authorization) {
    return tosError(response, 400, 'InvalidArgument', 'Only one auth mechanism allowed; the query signature is already present.');
  }
  const check = checkTosSignature(key, url.searchParams, state.tos, state.now());
  if (check === 'bad-signature') return tosError(response, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  if (check === 'expired') return tosError(response, 403, 'AccessDenied', 'Request has expired.');

  const match = /^(cgt-[\w-]+?)(\.mp4|_last_frame\.png)$/.exec(key);
  const size = match?.[1] ? state.videoSizes.get(match[1]) : undefined;
  if (!match?.[1] || size === undefined) return tosError(response, 404, 'NoSuchKey', 'The specified key does not exist.');

  if (match[2] !== '.mp4') {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(LAST_FRAME_PNG.length) });
    response.end(request.method === 'HEAD' ? undefined : LAST_FRAME_PNG);
    return;
  }
  response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(size), 'x-tos-request-id': newRequestId() });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  state.stats.downloads += 1;
  await pipeline(Readable.from(seedanceVideoChunks(match[1], size)), response);
}

function tosError(response: ServerResponse, status: number, code: string, message: string): void {
  const requestId = newRequestId();
  sendJson(response, status, { Code: code, Message: message, RequestId: requestId, HostId: 'fake-tos' }, { 'x-tos-request-id': requestId });
}
