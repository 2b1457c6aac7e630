import { UpstreamError } from '../http/upstream-error';
import { callUpstream, redactUrl } from '../http/call-upstream';
import { MAX_IMAGE_BYTES, parseImageDataUrl } from './gemini-video-options';
import type { UpstreamFetch, UpstreamResponse } from '../http/upstream-fetch';

/** Veo's inline image, as @google/genai sends it. */
export interface VeoImage {
  bytesBase64Encoded: string;
  mimeType: string;
}

/**
 * Our `image` (a data URL or an http(s) URL) → Veo's inline image. The Gemini API takes no
 * image URLs, so a URL is downloaded here, before the paid call; any failure is the
 * client's `invalid_request` and no task exists.
 */
export async function toVeoImage(image: string, doFetch: UpstreamFetch): Promise<VeoImage> {
  const inline = parseImageDataUrl(image);
  if (inline) return { bytesBase64Encoded: inline.base64, mimeType: inline.mimeType };
  try {
    return await downloadImage(image, doFetch);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UpstreamError({
      code: 'invalid_request',
      message: `Could not use the image ${redactUrl(image)}: ${reason}`,
      url: redactUrl(image),
      statusCode: error instanceof UpstreamError ? error.statusCode : undefined,
      isRetryable: false,
      taskMayExist: 'no',
    });
  }
}

async function downloadImage(url: string, doFetch: UpstreamFetch): Promise<VeoImage> {
  const response = await callUpstream({
    fetch: doFetch,
    url,
    init: { method: 'GET', headers: { accept: 'image/*' }, redirect: 'follow' },
    timeoutMs: 60_000,
    describeFailure: (status) => ({ code: 'invalid_request', message: `downloading it answered ${status}.`, retryable: false }),
  });
  const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!mimeType.startsWith('image/')) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`it is not an image (content-type ${mimeType || 'missing'}).`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_IMAGE_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error('it is larger than 20 MB.');
  }
  const bytes = await readCapped(response, MAX_IMAGE_BYTES);
  if (bytes.length === 0) throw new Error('it is empty.');
  return { bytesBase64Encoded: bytes.toString('base64'), mimeType };
}

/** Reads at most `limit` bytes; a longer body is refused without buffering the rest. */
async function readCapped(response: UpstreamResponse, limit: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new Error('it is larger than 20 MB.');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
