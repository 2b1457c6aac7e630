import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FakeState } from './fake-state';
import { invalidRequest, invalidValue, notFound } from './openai-error';
import { previewBuffer, videoChunks } from './video-bytes';
import { describeVideo } from './video-jobs';
import { findJob } from './video-routes';

const VARIANTS = ['video', 'thumbnail', 'spritesheet'];
const PREVIEW_TYPES: Record<string, string> = { thumbnail: 'image/webp', spritesheet: 'image/jpeg' };

/** GET /v1/videos/{id}/content?variant=video|thumbnail|spritesheet: bytes, only once completed. */
export async function handleContent(state: FakeState, response: ServerResponse, id: string, query: URLSearchParams) {
  const variant = query.get('variant') ?? 'video';
  if (!VARIANTS.includes(variant)) throw invalidValue('variant', variant, VARIANTS);
  const job = findJob(state, id);
  const nowMs = state.now();
  const video = describeVideo(job, nowMs);
  if (video.status === 'failed') throw invalidRequest(`Video '${id}' failed and has no content.`);
  if (video.status !== 'completed') {
    throw invalidRequest(`Video '${id}' is not ready yet: its status is ${video.status}.`);
  }
  if (video.expires_at !== null && nowMs >= video.expires_at * 1000) throw notFound(`The content of video '${id}' has expired.`);

  state.stats.contentDownloads += 1;
  if (variant !== 'video') {
    const bytes = previewBuffer(id, variant);
    response.writeHead(200, { 'content-type': PREVIEW_TYPES[variant] ?? 'application/octet-stream', 'content-length': String(bytes.length) });
    response.end(bytes);
    return;
  }
  response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(job.videoBytes) });
  await pipeline(Readable.from(videoChunks(id, job.videoBytes)), response);
}
