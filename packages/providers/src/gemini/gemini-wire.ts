import { z } from 'zod';

/**
 * The Gemini API's wire shapes for Veo (providers.md §2). Lenient: responses may grow
 * fields, and we read only what we need.
 */

/** google.rpc.Status: HTTP error bodies (`{error: Status}`) and failed operations (`error`). */
export const rpcStatus = z.object({
  code: z.number().nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
  /** Typed by `@type`: ErrorInfo (reason), QuotaFailure (violations), RetryInfo (retryDelay), … */
  details: z.array(z.record(z.string(), z.unknown())).nullish(),
});
export type RpcStatus = z.infer<typeof rpcStatus>;

export const errorEnvelope = z.object({ error: rpcStatus });

/** The answer to `:predictLongRunning`: the real API returns only `name`. */
export const createdOperation = z.object({ name: z.string().min(1) });

const generatedSample = z.object({
  video: z
    .object({
      uri: z.string().nullish(),
      /** Inline bytes; the Gemini API answers with a `uri` in practice. */
      encodedVideo: z.string().nullish(),
      encoding: z.string().nullish(),
    })
    .nullish(),
});

export const videoOperation = z.object({
  name: z.string().nullish(),
  /** Absent while running: the SDK treats a missing `done` as not done. */
  done: z.boolean().nullish(),
  /** Contents unconfirmed (providers.md §2 open items); read for progress only if present. */
  metadata: z.record(z.string(), z.unknown()).nullish(),
  error: rpcStatus.nullish(),
  response: z
    .object({
      generateVideoResponse: z
        .object({
          generatedSamples: z.array(generatedSample).nullish(),
          raiMediaFilteredCount: z.number().nullish(),
          raiMediaFilteredReasons: z.array(z.string()).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type VideoOperation = z.infer<typeof videoOperation>;

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Some Google front ends wrap the envelope in a one-element array. */
export function parseErrorBody(text: string): RpcStatus | undefined {
  const json = safeJson(text);
  const parsed = errorEnvelope.safeParse(Array.isArray(json) ? json[0] : json);
  return parsed.success ? parsed.data.error : undefined;
}

/** The details of one `@type` (the part after the last `.`, e.g. `RetryInfo`). */
export function detailsOfType(status: RpcStatus | undefined, type: string): Record<string, unknown>[] {
  return (status?.details ?? []).filter((detail) => String(detail['@type'] ?? '').endsWith(`.${type}`));
}

/** google.protobuf.Duration as JSON (`"30s"`, `"1.5s"`) → ms. */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}
