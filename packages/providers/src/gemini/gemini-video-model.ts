import { UpstreamError } from '../http/upstream-error';
import type { PollResult, PollSchedule, VideoModel, VideoModelSettings } from '../contract/video-model';
import { BASE_POLL_SCHEDULE } from '../video/poll-schedule';
import { callUpstream, type UpstreamCall } from '../http/call-upstream';
import { codeForOperationError, describeGeminiFailure, scrub, withBodyRetryDelay } from './gemini-errors';
import { toVeoImage } from './gemini-image';
import { openVeoVideo } from './gemini-result';
import { buildVeoParameters, checkGeminiVideoRequest } from './gemini-video-options';
import { createdOperation, videoOperation, type VideoOperation } from './gemini-wire';
import { defaultUpstreamFetch, type UpstreamResponse } from '../http/upstream-fetch';
import { geminiApiRoot } from './gemini-base-url';
/** Veo takes 11 s to 6 min (at peak); the SDK itself polls every 10 s. */
const DEFAULT_SCHEDULE: PollSchedule = { ...BASE_POLL_SCHEDULE, timeoutMs: 20 * 60_000 };

/**
 * Veo on the Gemini API (generativelanguage, providers.md §2): `:predictLongRunning`, then
 * the operation until `done`, then the file download. The API has no cancel for video
 * operations, so this adapter defines none.
 */
export function createGeminiVideoModel(settings: VideoModelSettings): VideoModel {
  const apiRoot = geminiApiRoot(settings.apiBase);
  const apiOrigin = new URL(apiRoot).origin;
  const doFetch = settings.fetch ?? defaultUpstreamFetch();
  const describeOptions = { keyName: settings.apiKeyEnv ?? 'the api_key of this deployment', apiKey: settings.apiKey };
  const authHeaders = (): Record<string, string> => (settings.apiKey ? { 'x-goog-api-key': settings.apiKey } : {});

  async function callGemini(call: Omit<UpstreamCall, 'fetch' | 'describeFailure'>, subject?: string): Promise<UpstreamResponse> {
    try {
      return await callUpstream({
        ...call,
        fetch: doFetch,
        describeFailure: (status, body) => describeGeminiFailure(status, body, { ...describeOptions, subject }),
      });
    } catch (error) {
      throw error instanceof UpstreamError ? withBodyRetryDelay(error) : error;
    }
  }

  return {
    provider: 'gemini',
    modelId: settings.model,
    pollSchedule: { ...DEFAULT_SCHEDULE, ...settings.pollSchedule },
    // "Generated videos are stored on the server for 2 days" (providers.md §2).
    resultLifetimeMs: 2 * 24 * 60 * 60_000,

    checkRequest: (request) => checkGeminiVideoRequest(settings.model, request),

    async submit(request) {
      const url = `${apiRoot}/models/${encodeURIComponent(settings.model)}:predictLongRunning`;
      const { errors, warnings } = checkGeminiVideoRequest(settings.model, request);
      if (errors.length > 0) {
        // Normally caught by the API first; never pay for a request Veo would refuse.
        throw new UpstreamError({
          code: 'invalid_request',
          message: errors.map((problem) => problem.message).join(' '),
          url,
          isRetryable: false,
        });
      }
      const instance: Record<string, unknown> = { prompt: request.prompt };
      // The image URL is the client's: fetch it through the egress-guarded fetch when given one.
      if (request.image) instance.image = await toVeoImage(request.image, settings.fetchUserContent ?? doFetch);
      const parameters = buildVeoParameters(settings.model, request);
      const body = { instances: [instance], ...(Object.keys(parameters).length > 0 ? { parameters } : {}) };
      const response = await callGemini(
        {
          url,
          init: { method: 'POST', headers: { ...authHeaders(), 'content-type': 'application/json' }, body: JSON.stringify(body) },
          timeoutMs: 60_000,
        },
        `the model models/${settings.model}`,
      );
      const operation = createdOperation.parse(await response.json());
      return { upstreamId: operation.name, warnings };
    },

    async poll(upstreamId): Promise<PollResult> {
      const response = await callGemini(
        { url: `${apiRoot}/${operationPath(upstreamId)}`, init: { method: 'GET', headers: authHeaders() }, timeoutMs: 30_000 },
        `the operation ${upstreamId}`,
      );
      return pollResultOf(videoOperation.parse(await response.json()), settings.apiKey);
    },

    openResult(upstreamId, resultRef) {
      return openVeoVideo({
        fetch: doFetch,
        uri: resultRef,
        apiOrigin,
        apiKey: settings.apiKey,
        describe: { ...describeOptions, subject: `the video of ${upstreamId}` },
      });
    },
  };
}

/** `models/{model}/operations/{id}`: keep the slashes, escape anything else. */
function operationPath(name: string): string {
  return name
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export function pollResultOf(operation: VideoOperation, apiKey?: string): PollResult {
  if (!operation.done) return { status: 'in_progress', progress: progressOf(operation.metadata) };
  if (operation.error) {
    const message = operation.error.message || `Veo failed with google.rpc code ${operation.error.code ?? 'unknown'}.`;
    return { status: 'failed', error: { code: codeForOperationError(operation.error), message: scrub(message, apiKey) } };
  }
  const result = operation.response?.generateVideoResponse;
  const uri = result?.generatedSamples?.find((sample) => sample.video?.uri)?.video?.uri;
  if (uri) return { status: 'completed', resultRef: uri };
  if (result?.raiMediaFilteredCount || result?.raiMediaFilteredReasons?.length) {
    const reasons = result.raiMediaFilteredReasons?.join(' ') || 'no reason given';
    return {
      status: 'failed',
      error: { code: 'content_policy_violation', message: `Veo's safety filters blocked the video: ${reasons}` },
    };
  }
  return { status: 'failed', error: { code: 'upstream_error', message: 'Veo finished without a video and without an error.' } };
}

/** The running operation's metadata is unconfirmed; use a percentage only if one is there. */
function progressOf(metadata: Record<string, unknown> | null | undefined): number | undefined {
  const value = metadata?.progressPercent ?? metadata?.progressPercentage;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.max(0, Math.min(99, Math.round(value)));
}
