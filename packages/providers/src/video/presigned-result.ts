import { UpstreamError } from '../http/upstream-error';
import type { UpstreamErrorCode } from '../contract/upstream-error-code';
import type { VideoResultStream } from '../contract/video-model';
import { callUpstream, codeForStatus } from '../http/call-upstream';
import type { UpstreamFetch, UpstreamResponse } from '../http/upstream-fetch';

export interface PresignedVideoInput {
  fetch: UpstreamFetch;
  /** The vendor's result URL, signed in its query string. */
  url: string;
  upstreamId: string;
  /** Who answers, for messages: `OSS`, `Seedance object storage`. */
  source: string;
  /** How long the vendor keeps the link, for the expiry message, e.g. `24 h`. */
  lifetime: string;
  /** Reads a failure body into words (object stores answer XML); optional. */
  describeBody?: (body: string) => string | undefined;
}

/**
 * Streams a finished video from a vendor's presigned URL (Wan's OSS link, Seedance's TOS
 * link). The URL carries its own signature, so no Authorization header goes there: a
 * provider key must never reach object storage. Every URL we report has its query cut,
 * since that is the signature and errors end up in logs and job records.
 */
export async function openPresignedVideo(input: PresignedVideoInput): Promise<VideoResultStream> {
  const shown = withoutQuery(input.url);
  if (!/^https?:\/\//i.test(input.url)) {
    throw new UpstreamError({ code: 'upstream_error', message: `Task ${input.upstreamId} has no http(s) video URL: ${shown.slice(0, 100)}`, url: shown, isRetryable: false });
  }
  let response: UpstreamResponse;
  try {
    response = await callUpstream({
      fetch: input.fetch,
      url: input.url,
      init: { method: 'GET', redirect: 'follow' },
      timeoutMs: 10 * 60_000,
      describeFailure(status, body) {
        const detail = input.describeBody?.(body);
        const said = `${input.source} answered ${status} for the video of task ${input.upstreamId}${detail ? `: ${detail}` : '.'}`;
        // Object stores answer 403 once the signature is over; the vendor keeps no other copy.
        if (status === 403 || status === 404 || status === 410) {
          return { code: 'expired' as UpstreamErrorCode, message: `${said} The link is valid for ${input.lifetime} after the task ends; the video is gone.`, retryable: false };
        }
        return { code: codeForStatus(status), message: said };
      },
    });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    throw error.with({ message: error.message.split(input.url).join(shown), url: shown });
  }
  if (!response.body) throw new UpstreamError({ code: 'upstream_error', message: `${input.source} returned no body for task ${input.upstreamId}.`, url: shown, isRetryable: true });
  const type = response.headers.get('content-type') ?? '';
  const length = Number(response.headers.get('content-length'));
  return {
    body: response.body,
    // Both vendors render MP4; object stores may label it generically.
    contentType: type.startsWith('video/') ? type : 'video/mp4',
    contentLength: Number.isFinite(length) && length > 0 ? length : undefined,
  };
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : `${url.slice(0, cut)}?…`;
}
