import type { VideoResultStream } from '../contract/video-model';
import { openPresignedVideo } from '../video/presigned-result';
import type { UpstreamFetch } from '../http/upstream-fetch';

export interface OpenArkResultInput {
  fetch: UpstreamFetch;
  label: string;
  upstreamId: string;
  /** `content.video_url`: a TOS pre-signed URL, public and valid for 24 h. */
  resultRef: string;
}

/** Streams the finished Seedance video from its TOS link (no Ark key goes there). */
export function openArkResult({ fetch, label, upstreamId, resultRef }: OpenArkResultInput): Promise<VideoResultStream> {
  return openPresignedVideo({ fetch, url: resultRef, upstreamId, source: `${label} object storage`, lifetime: '24 h' });
}
