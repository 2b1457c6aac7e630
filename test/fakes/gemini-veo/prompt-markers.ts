/**
 * The shared prompt markers (test/fakes/video-fake.ts), in Veo's terms:
 *
 * - `[fail]`       the operation ends `done` with `error: {code: 13, message}` halfway through.
 * - `[moderation]` the operation ends `done` with RAI-filtered media and no samples.
 * - `[429]`        the create answers 429 RESOURCE_EXHAUSTED (RetryInfo 2s + Retry-After: 2); no operation.
 * - `[slow]`       the operation takes 5 × completeAfterMs.
 * - `[bytes=N]`    the finished MP4 is N bytes (at least 40, the size of the two box headers).
 */

import { ISOM_BRANDS, MAX_MP4_BYTES, mp4HeaderBytes } from '../shared/video-bytes';

export type ScriptedOutcome =
  | { kind: 'error'; code: number; message: string; atFraction: number }
  | { kind: 'filtered'; reasons: string[]; atFraction: number };

export interface PromptMarkers {
  rateLimited: boolean;
  outcome?: ScriptedOutcome;
  slow: boolean;
  videoBytes?: number;
}

/** Smallest MP4 the fake can produce: a 32-byte `ftyp` box plus an 8-byte `mdat` header. */
export const MIN_VIDEO_BYTES = mp4HeaderBytes(ISOM_BRANDS);
export const MAX_VIDEO_BYTES = MAX_MP4_BYTES;

const FAIL: ScriptedOutcome = { kind: 'error', code: 13, message: 'Video generation failed due to an internal error.', atFraction: 0.5 };

/** Real reasons are sentences with numeric support codes [R]; the wording here is the fake's own. */
const FILTERED: ScriptedOutcome = {
  kind: 'filtered',
  reasons: ["The video could not be generated because it may violate Google's Generative AI Prohibited Use policy. Support codes: 58061214"],
  atFraction: 1,
};

export function readPromptMarkers(prompt: string): PromptMarkers {
  const markers: PromptMarkers = { rateLimited: prompt.includes('[429]'), slow: prompt.includes('[slow]') };
  if (prompt.includes('[moderation]')) markers.outcome = FILTERED;
  else if (prompt.includes('[fail]')) markers.outcome = FAIL;
  const bytes = /\[bytes=(\d+)\]/.exec(prompt);
  if (bytes?.[1]) markers.videoBytes = Math.min(MAX_VIDEO_BYTES, Math.max(MIN_VIDEO_BYTES, Number(bytes[1])));
  return markers;
}
