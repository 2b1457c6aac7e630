/**
 * Scripted behaviour, steered by markers anywhere in the prompt so a test (or a demo through
 * the real gateway) can reach every branch without a side channel into the fake:
 *
 * - `[fail]`       the job runs, then ends `failed` halfway (progress 50) with
 *                  `error: {code: 'internal_error', message: 'The video could not be generated.'}`.
 * - `[moderation]` the job ends `failed` before rendering starts (progress 0) with
 *                  `error: {code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.'}`.
 * - `[429]`        the create answers 429 `rate_limit_exceeded` with `Retry-After: 2`; no job is made.
 * - `[500]`        the create answers 500 `server_error`; no job is made.
 * - `[slow]`       the job takes 5 × completeAfterMs.
 * - `[bytes=N]`    the finished MP4 is N bytes (at least 40, the size of the two box headers).
 *
 * Markers combine, e.g. `[slow][bytes=1048576] a cat`.
 */

import { ISOM_BRANDS, MAX_MP4_BYTES, mp4HeaderBytes } from '../shared/video-bytes';

export interface ScriptedFailure {
  code: string;
  message: string;
  /** Fraction of the job's duration at which it fails. */
  atFraction: number;
  /** Progress the failed job reports. */
  progress: number;
}

export interface PromptMarkers {
  /** Status the create itself answers with instead of making a job. */
  createStatus?: 429 | 500;
  failure?: ScriptedFailure;
  slow: boolean;
  videoBytes?: number;
}

/** Smallest MP4 the fake can produce: a 32-byte `ftyp` box plus an 8-byte `mdat` header. */
export const MIN_VIDEO_BYTES = mp4HeaderBytes(ISOM_BRANDS);
export const MAX_VIDEO_BYTES = MAX_MP4_BYTES;

const FAIL: ScriptedFailure = {
  code: 'internal_error',
  message: 'The video could not be generated.',
  atFraction: 0.5,
  progress: 50,
};

const MODERATION: ScriptedFailure = {
  code: 'moderation_blocked',
  message: 'Your request was blocked by our moderation system.',
  atFraction: 0.1,
  progress: 0,
};

export function readPromptMarkers(prompt: string): PromptMarkers {
  const markers: PromptMarkers = { slow: prompt.includes('[slow]') };
  if (prompt.includes('[429]')) markers.createStatus = 429;
  else if (prompt.includes('[500]')) markers.createStatus = 500;
  if (prompt.includes('[moderation]')) markers.failure = MODERATION;
  else if (prompt.includes('[fail]')) markers.failure = FAIL;
  const bytes = /\[bytes=(\d+)\]/.exec(prompt);
  if (bytes?.[1]) markers.videoBytes = Math.min(MAX_VIDEO_BYTES, Math.max(MIN_VIDEO_BYTES, Number(bytes[1])));
  return markers;
}
