import { MAX_VIDEO_BYTES, MIN_VIDEO_BYTES } from './video-bytes';

/**
 * The shared prompt markers (test/fakes/video-fake.ts) in Ark's terms:
 *
 * - `[fail]`       the task runs, then ends `failed` halfway with `InternalServiceError`.
 * - `[moderation]` the task renders, then ends `failed` with `OutputVideoSensitiveContentDetected`
 *                  (Ark's check of the generated video).
 * - `[429]`        the create answers 429 `ModelAccountRpmRateLimitExceeded` with `Retry-After: 2`; no task.
 * - `[slow]`       the task takes 5 × completeAfterMs and stays `queued` for the first half.
 * - `[bytes=N]`    the MP4 is N bytes (at least 32, the two box headers).
 */

export interface ScriptedTaskFailure {
  code: string;
  message: string;
  /** Share of the task's run after which it fails. */
  atFraction: number;
}

export interface ArkPromptMarkers {
  rateLimited: boolean;
  failure?: ScriptedTaskFailure;
  slow: boolean;
  videoBytes?: number;
}

const FAIL: ScriptedTaskFailure = {
  code: 'InternalServiceError',
  message: 'The service encountered an unexpected internal error while generating the video.',
  atFraction: 0.5,
};

const MODERATION: ScriptedTaskFailure = {
  code: 'OutputVideoSensitiveContentDetected',
  message: 'The generated video may contain sensitive content.',
  atFraction: 1,
};

export function readArkPromptMarkers(prompt: string): ArkPromptMarkers {
  const markers: ArkPromptMarkers = { rateLimited: prompt.includes('[429]'), slow: prompt.includes('[slow]') };
  if (prompt.includes('[moderation]')) markers.failure = MODERATION;
  else if (prompt.includes('[fail]')) markers.failure = FAIL;
  const bytes = /\[bytes=(\d+)\]/.exec(prompt);
  if (bytes?.[1]) markers.videoBytes = Math.min(MAX_VIDEO_BYTES, Math.max(MIN_VIDEO_BYTES, Number(bytes[1])));
  return markers;
}
