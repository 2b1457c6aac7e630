import { MAX_VIDEO_BYTES, MIN_VIDEO_BYTES } from './video-bytes';

/** The shared markers of ../video-fake.ts, read from `input.prompt`. */
export interface WanPromptMarkers {
  /** `[429]`: the create answers Throttling.RateQuota; no task is made. */
  throttle: boolean;
  /** `[moderation]`: the create answers 400 DataInspectionFailed, as DashScope does for input. */
  moderation: boolean;
  /** `[fail]`: the task runs, then ends FAILED (HTTP 200) with output.code InternalError. */
  fail: boolean;
  /** `[slow]`: 5 × completeAfterMs, PENDING for the first half (so it stays cancellable). */
  slow: boolean;
  /** `[bytes=N]`: the video is N bytes. */
  videoBytes?: number;
}

export function readWanMarkers(prompt: string): WanPromptMarkers {
  const markers: WanPromptMarkers = {
    throttle: prompt.includes('[429]'),
    moderation: prompt.includes('[moderation]'),
    fail: prompt.includes('[fail]'),
    slow: prompt.includes('[slow]'),
  };
  const bytes = /\[bytes=(\d+)\]/.exec(prompt);
  if (bytes?.[1]) markers.videoBytes = Math.min(MAX_VIDEO_BYTES, Math.max(MIN_VIDEO_BYTES, Number(bytes[1])));
  return markers;
}
