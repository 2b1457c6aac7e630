import { UpstreamError } from '../../errors';
import type { VideoErrorCode, VideoResultStream } from '../../spec/video-model';
import { callUpstream, codeForStatus, redactUrl } from '../http';

export interface OpenArkResultInput {
  fetch: typeof fetch;
  label: string;
  upstreamId: string;
  /** `content.video_url`: a TOS pre-signed URL, public and valid for 24 h. */
  resultRef: string;
}

/** Generic binary types some object stores answer with; the file is still Seedance's MP4. */
const GENERIC_TYPES = /^(application|binary)\/octet-stream\b/i;

/**
 * Streams the finished video from its pre-signed TOS URL. The URL carries its own
 * signature, so no Authorization header goes there: the Ark key must never leave for
 * object storage. Errors name the URL without its query, which is the signature.
 */
export async function openArkResult({ fetch: doFetch, label, upstreamId, resultRef }: OpenArkResultInput): Promise<VideoResultStream> {
  const safeUrl = withoutQuery(resultRef);
  if (!/^https?:\/\//i.test(resultRef)) {
    throw new UpstreamError({
      code: 'upstream_error',
      message: `${label} gave task ${upstreamId} a video_url that is not an http(s) URL: ${safeUrl.slice(0, 100)}`,
      url: safeUrl,
      isRetryable: false,
    });
  }
  let response: Response;
  try {
    response = await callUpstream({
      fetch: doFetch,
      url: resultRef,
      init: { method: 'GET', redirect: 'follow' },
      timeoutMs: 10 * 60_000,
      describeFailure(status) {
        // TOS answers 403 once the signature's 24 h are over; the task record keeps no other copy.
        const gone = status === 403 || status === 404 || status === 410;
        const code: VideoErrorCode = gone ? 'expired' : codeForStatus(status);
        const why = gone ? ' The pre-signed URL is valid for 24 h after the task finished.' : '';
        return { code, message: `${label} object storage answered ${status} for the video of task ${upstreamId}.${why}`, ...(gone ? { retryable: false } : {}) };
      },
    });
  } catch (error) {
    throw error instanceof UpstreamError ? withSafeUrl(error, redactUrl(resultRef), safeUrl) : error;
  }
  if (!response.body) throw new Error(`${label} returned no body for the video of task ${upstreamId}`);
  const length = Number(response.headers.get('content-length'));
  const type = response.headers.get('content-type');
  return {
    body: response.body,
    contentType: type && !GENERIC_TYPES.test(type) ? type : 'video/mp4',
    contentLength: Number.isFinite(length) && length > 0 ? length : undefined,
  };
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

function withSafeUrl(error: UpstreamError, shownUrl: string, safeUrl: string): UpstreamError {
  return new UpstreamError({
    code: error.code,
    message: error.message.split(shownUrl).join(safeUrl),
    url: safeUrl,
    statusCode: error.statusCode,
    responseBody: error.responseBody,
    isRetryable: error.isRetryable,
    retryAfterMs: error.retryAfterMs,
    taskMayExist: error.taskMayExist,
  });
}
