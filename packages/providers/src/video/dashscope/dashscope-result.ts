import { UpstreamError } from '../../errors';
import type { VideoResultStream } from '../../spec/video-model';
import { callUpstream, codeForStatus } from '../http';
import type { DescribedFailure } from './dashscope-errors';

/**
 * Streams a finished Wan video from its OSS link. The link is public and signed in its query
 * string, so it gets **no** Authorization header: the DashScope key must never reach OSS.
 * The signature is cut from every URL we report, since errors end up in logs and job records.
 */
export async function openOssVideo(doFetch: typeof fetch, upstreamId: string, videoUrl: string): Promise<VideoResultStream> {
  const shown = withoutQuery(videoUrl);
  if (!/^https?:\/\//i.test(videoUrl)) {
    throw new UpstreamError({ code: 'upstream_error', message: `Task ${upstreamId} has no http(s) video_url: ${shown}`, url: shown, isRetryable: false });
  }
  let response: Response;
  try {
    response = await callUpstream({
      fetch: doFetch,
      url: videoUrl,
      init: { method: 'GET', redirect: 'follow' },
      timeoutMs: 10 * 60_000,
      describeFailure: (status, body) => describeOssFailure(upstreamId, status, body),
    });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    throw new UpstreamError({
      code: error.code,
      message: error.message.split(videoUrl).join(shown),
      url: shown,
      statusCode: error.statusCode,
      responseBody: error.responseBody,
      isRetryable: error.isRetryable,
      retryAfterMs: error.retryAfterMs,
      taskMayExist: error.taskMayExist,
    });
  }
  if (!response.body) throw new UpstreamError({ code: 'upstream_error', message: `OSS returned no body for task ${upstreamId}.`, url: shown, isRetryable: true });
  const type = response.headers.get('content-type') ?? '';
  const length = Number(response.headers.get('content-length'));
  return {
    body: response.body,
    // Wan always renders MP4; OSS may label it generically.
    contentType: type.startsWith('video/') ? type : 'video/mp4',
    contentLength: Number.isFinite(length) && length > 0 ? length : undefined,
  };
}

/** OSS answers XML (`<Code>AccessDenied</Code><Message>Request has expired.</Message>`). */
function describeOssFailure(upstreamId: string, status: number, body: string): DescribedFailure {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? body.slice(0, 200);
  const said = `OSS answered ${status}${code ? ` ${code}` : ''} for the video of task ${upstreamId}: ${message}`;
  if (status === 403 || status === 404) {
    return { code: 'expired', message: `${said} The video link is signed for 24 h after the task ends; the video is gone.`, retryable: false };
  }
  return { code: codeForStatus(status), message: said };
}

/** DashScope cancels only PENDING tasks; any other refusal says so in words the job can show. */
export function describeCancelFailure(described: DescribedFailure, status: number, upstreamId: string): DescribedFailure {
  if (described.code === 'upstream_auth' || described.code === 'upstream_rate_limited' || status >= 500) return described;
  return {
    code: 'invalid_request',
    message: `DashScope can cancel a task only while it is PENDING; task ${upstreamId} was not cancelled (it is running, finished or unknown). ${described.message}`,
    retryable: false,
  };
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : `${url.slice(0, cut)}?…`;
}
