import type { VideoResultStream } from '../contract/video-model';
import { openPresignedVideo } from '../video/presigned-result';
import type { DescribedFailure } from './dashscope-errors';
import type { UpstreamFetch } from '../http/upstream-fetch';

/** Streams a finished Wan video from its OSS link (no DashScope key goes there). */
export function openOssVideo(doFetch: UpstreamFetch, upstreamId: string, videoUrl: string): Promise<VideoResultStream> {
  return openPresignedVideo({ fetch: doFetch, url: videoUrl, upstreamId, source: 'OSS', lifetime: '24 h', describeBody: describeOssBody });
}

/** OSS answers XML (`<Code>AccessDenied</Code><Message>Request has expired.</Message>`). */
function describeOssBody(body: string): string | undefined {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  if (!code && !message) return body.slice(0, 200) || undefined;
  return [code, message].filter(Boolean).join(' ');
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
