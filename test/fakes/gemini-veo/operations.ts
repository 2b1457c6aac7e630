import { randomBytes } from 'node:crypto';
import type { VeoOperation } from './fake-state';

const RESPONSE_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse';

/** Lowercase letters and digits, as real operation and file ids are (@google/genai parses file ids with /[a-z0-9]+/). */
export function newResourceId(length = 12): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function videoUri(origin: string, fileId: string): string {
  return `${origin}/v1beta/files/${fileId}:download?alt=media`;
}

/** Whether the operation has finished with a video (and its file can be downloaded). */
export function hasVideo(operation: VeoOperation, nowMs: number): boolean {
  return !operation.outcome && nowMs - operation.createdAtMs >= operation.durationMs;
}

/**
 * The operation as GET /v1beta/{name} returns it (providers.md §2): only `name` while running
 * (the metadata contents are unconfirmed, so none is sent), then `done` with an `error`, an
 * RAI-filtered response, or the generated sample's download URI.
 */
export function describeOperation(operation: VeoOperation, nowMs: number, origin: string): Record<string, unknown> {
  const elapsed = nowMs - operation.createdAtMs;
  const { name, outcome } = operation;
  if (outcome && elapsed >= outcome.atFraction * operation.durationMs) {
    if (outcome.kind === 'error') return { name, done: true, error: { code: outcome.code, message: outcome.message } };
    return {
      name,
      done: true,
      response: {
        '@type': RESPONSE_TYPE,
        generateVideoResponse: { raiMediaFilteredCount: outcome.reasons.length, raiMediaFilteredReasons: outcome.reasons },
      },
    };
  }
  if (outcome || elapsed < operation.durationMs) return { name };
  return {
    name,
    done: true,
    response: {
      '@type': RESPONSE_TYPE,
      generateVideoResponse: { generatedSamples: [{ video: { uri: videoUri(origin, operation.fileId) } }] },
    },
  };
}
