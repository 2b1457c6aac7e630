import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { WanFakeState } from './fake-state';
import { sendXml } from './http-io';
import { ossSignature } from './task-view';
import { wanVideoChunks } from './video-bytes';

/**
 * GET /_oss/dashscope-result/{task}.mp4?Expires&OSSAccessKeyId&Signature: the public, signed
 * OSS link of a finished video. It needs no Authorization header; the fake refuses one, as OSS
 * does for a header that is not an OSS signature, so an adapter leaking its DashScope key fails.
 */
export async function handleOssDownload(state: WanFakeState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  if (request.method !== 'GET') return sendXml(response, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  if (request.headers.authorization !== undefined) {
    return sendXml(response, 400, 'InvalidArgument', 'Authorization header is invalid.');
  }
  const taskId = /^\/_oss\/dashscope-result\/([^/]+)\.mp4$/.exec(url.pathname)?.[1];
  const task = taskId ? state.tasks.get(decodeURIComponent(taskId)) : undefined;
  const expires = Number(url.searchParams.get('Expires'));
  if (!task || !Number.isInteger(expires) || url.searchParams.get('Signature') !== ossSignature(state, task.id, expires)) {
    return sendXml(response, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  const nowMs = state.now();
  if (nowMs >= expires * 1000) return sendXml(response, 403, 'AccessDenied', 'Request has expired.');
  // The link outlives the task id by the render time, so look at the task itself, not its status.
  const rendered = task.canceledAtMs === undefined && !task.failure && nowMs - task.createdAtMs >= task.durationMs;
  if (!rendered) return sendXml(response, 404, 'NoSuchKey', 'The specified key does not exist.');

  state.stats.downloads += 1;
  response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(task.videoBytes) });
  await pipeline(Readable.from(wanVideoChunks(task.id, task.videoBytes)), response);
}
