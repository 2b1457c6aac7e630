import type { VideoResultStream } from '../contract/video-model';
import { callUpstream } from '../http/call-upstream';
import { describeGeminiFailure, type DescribeOptions } from './gemini-errors';
import type { UpstreamFetch, UpstreamRequestInit, UpstreamResponse } from '../http/upstream-fetch';

const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface OpenVeoVideo {
  fetch: UpstreamFetch;
  /** `generatedSamples[0].video.uri`, e.g. `…/v1beta/files/{id}:download?alt=media`. */
  uri: string;
  /** The api_base origin: the only host that ever sees the key. */
  apiOrigin: string;
  apiKey?: string;
  describe: Omit<DescribeOptions, 'notFoundMeans'>;
}

/**
 * Downloads a finished Veo video. The files endpoint needs the key and answers with a
 * redirect to a signed URL; the key goes only to the api_base origin and never follows a
 * redirect, so redirects are followed here by hand.
 */
export async function openVeoVideo(options: OpenVeoVideo): Promise<VideoResultStream> {
  const sendKey = options.apiKey !== undefined && originOf(options.uri) === options.apiOrigin;
  const firstHeaders: Record<string, string> = sendKey ? { 'x-goog-api-key': options.apiKey as string } : {};
  const response = await callUpstream({
    fetch: (input, init) => fetchFollowingRedirects(options.fetch, String(input), init ?? {}, firstHeaders),
    url: options.uri,
    init: { method: 'GET', redirect: 'manual' },
    timeoutMs: 10 * 60_000,
    describeFailure: (status, body) => describeGeminiFailure(status, body, { ...options.describe, notFoundMeans: 'expired' }),
  });
  if (!response.body) throw new Error(`Gemini API returned no body for ${options.describe.subject ?? 'the video'}`);
  const length = Number(response.headers.get('content-length'));
  return {
    body: response.body,
    contentType: response.headers.get('content-type') ?? 'video/mp4',
    contentLength: Number.isFinite(length) && length > 0 ? length : undefined,
  };
}

/** The first hop carries `firstHeaders` (the key); later hops carry none. */
async function fetchFollowingRedirects(
  doFetch: UpstreamFetch,
  url: string,
  init: UpstreamRequestInit,
  firstHeaders: Record<string, string>,
): Promise<UpstreamResponse> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await doFetch(current, { ...init, redirect: 'manual', headers: hop === 0 ? firstHeaders : {} });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
    if (hop >= MAX_REDIRECTS) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    }
    await response.body?.cancel().catch(() => undefined);
    current = new URL(location, current).toString();
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
