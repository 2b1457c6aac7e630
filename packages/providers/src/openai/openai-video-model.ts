import { z } from 'zod';
import type {
  PollResult,
  PollSchedule,
  RequestCheck,
  VideoGenerationRequest,
  VideoModel,
  VideoModelSettings,
} from '../contract/video-model';
import { BASE_POLL_SCHEDULE } from '../video/poll-schedule';
import { callUpstream, codeForStatus } from '../http/call-upstream';
import { checkOpenAIVideoRequest } from './openai-video-options';
import { defaultUpstreamFetch } from '../http/upstream-fetch';
import { isOpenAIItself, resolveOpenAIBaseUrl } from './openai-base-url';
import { OPENAI_VIDEOS_SHUTDOWN, RETIRED_HINT } from './openai-notices';
import { lostCreateWindow } from '../video/lost-create-window';

/** Sora usually takes 1–3 min; OpenAI may also hint with `openai-poll-after-ms`. */
const DEFAULT_SCHEDULE: PollSchedule = { ...BASE_POLL_SCHEDULE, timeoutMs: 60 * 60_000 };

/** Lenient: upstream responses may grow fields; we read only what we need. */
const videoObject = z.object({
  id: z.string(),
  status: z.enum(['queued', 'in_progress', 'completed', 'failed']).or(z.string()),
  progress: z.number().nullish(),
  /** Unix seconds when the downloadable assets expire. */
  expires_at: z.number().nullish(),
  model: z.string().nullish(),
  prompt: z.string().nullish(),
  seconds: z.union([z.string(), z.number()]).nullish(),
  size: z.string().nullish(),
  created_at: z.number().nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

const errorBody = z.object({
  error: z.object({ message: z.string().nullish(), code: z.string().nullish(), type: z.string().nullish() }),
});

const videoList = z.object({ data: z.array(videoObject), has_more: z.boolean().nullish() });

/** A lost create is looked for among at most this many pages of 100 recent videos. */
const MAX_LIST_PAGES = 5;

/** OpenAI Videos (`/v1/videos`) and any upstream that speaks the same protocol. */
export function createOpenAIVideoModel(settings: VideoModelSettings): VideoModel {
  const baseUrl = resolveOpenAIBaseUrl(settings.apiBase);
  const doFetch = settings.fetch ?? defaultUpstreamFetch();
  const keyName = settings.apiKeyEnv ?? 'the api_key of this deployment';
  const pollSchedule = { ...DEFAULT_SCHEDULE, ...settings.pollSchedule };
  const authHeaders = (): Record<string, string> =>
    settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {};

  const describeFailure = (status: number, body: string) => {
    const parsed = errorBody.safeParse(safeJson(body));
    const vendorMessage = parsed.success ? (parsed.data.error.message ?? '') : body.slice(0, 300);
    const vendorCode = parsed.success ? parsed.data.error.code : undefined;
    // 429 insufficient_quota is billing, not pacing: retrying cannot help.
    const outOfCredit = status === 429 && vendorCode === 'insufficient_quota';
    const code = outOfCredit ? 'upstream_auth' : codeForStatus(status);
    let hint = code === 'upstream_auth' ? ` Check ${keyName}${outOfCredit ? ' and the billing of its OpenAI account' : ''}.` : '';
    if (status === 404 && isOpenAIItself(settings.apiBase) && new Date() >= OPENAI_VIDEOS_SHUTDOWN) hint = ` ${RETIRED_HINT}`;
    return { code, message: `OpenAI answered ${status}: ${vendorMessage}${hint}`.trim(), ...(outOfCredit ? { retryable: false } : {}) };
  };

  /** The create body; also what a lost create is recognised by. Pass-through options go in first so they can never override validated fields. */
  const createBody = (request: VideoGenerationRequest) => {
    const body: Record<string, unknown> & { model: string; prompt: string; seconds?: string; size?: string } = { ...request.providerOptions, model: settings.model, prompt: request.prompt };
    if (request.seconds !== undefined) body.seconds = String(request.seconds);
    const size = request.size ?? sizeFromAspect(request.aspectRatio, request.resolution);
    if (size) body.size = size;
    if (request.image) body.input_reference = { image_url: request.image };
    return body;
  };

  return {
    provider: 'openai',
    modelId: settings.model,
    pollSchedule,
    // expires_at says when on each completed video; an hour is assumed where it is missing.
    resultLifetimeMs: 60 * 60_000,

    checkRequest(request: VideoGenerationRequest): RequestCheck {
      return checkOpenAIVideoRequest(settings.model, request);
    },

    async submit(request) {
      const { warnings } = checkOpenAIVideoRequest(settings.model, request);
      const body = createBody(request);
      const response = await callUpstream({
        fetch: doFetch,
        url: `${baseUrl}/videos`,
        init: { method: 'POST', headers: { ...authHeaders(), 'content-type': 'application/json' }, body: JSON.stringify(body) },
        timeoutMs: 60_000,
        describeFailure,
      });
      const video = videoObject.parse(await response.json());
      return { upstreamId: video.id, warnings };
    },

    async findCreatedTask(lost) {
      const sent = createBody(lost.request);
      const window = lostCreateWindow(lost);
      const matches: string[] = [];
      let after: string | undefined;
      // Newest first; stop once the page reaches videos older than the create.
      for (let page = 0; page < MAX_LIST_PAGES; page++) {
        const query = new URLSearchParams({ limit: '100', order: 'desc', ...(after ? { after } : {}) });
        const response = await callUpstream({ fetch: doFetch, url: `${baseUrl}/videos?${query}`, init: { method: 'GET', headers: authHeaders() }, timeoutMs: 30_000, describeFailure });
        const list = videoList.parse(await response.json());
        for (const video of list.data) {
          if (!window.contains(video.created_at ?? 0)) continue;
          const same = video.model === sent.model && video.prompt === sent.prompt && (sent.seconds === undefined || String(video.seconds) === sent.seconds) && (sent.size === undefined || video.size === sent.size);
          if (same) matches.push(video.id);
        }
        const oldest = list.data.at(-1)?.created_at ?? 0;
        if (!list.has_more || oldest < window.start || list.data.length === 0) break;
        after = list.data.at(-1)!.id;
      }
      return { upstreamIds: matches, searched: `the videos at ${baseUrl} ${window.describe()}` };
    },

    async poll(upstreamId): Promise<PollResult> {
      const response = await callUpstream({
        fetch: doFetch,
        url: `${baseUrl}/videos/${encodeURIComponent(upstreamId)}`,
        init: { method: 'GET', headers: authHeaders() },
        timeoutMs: 30_000,
        describeFailure,
      });
      const hint = Number(response.headers.get('openai-poll-after-ms'));
      const pollAfterMs = Number.isFinite(hint) && hint > 0 ? hint : undefined;
      const video = videoObject.parse(await response.json());
      switch (video.status) {
        case 'completed':
          return video.expires_at ? { status: 'completed', resultRef: 'video', resultExpiresAt: video.expires_at * 1000 } : { status: 'completed', resultRef: 'video' };
        case 'failed':
          return {
            status: 'failed',
            error: {
              code: mapFailedJobCode(video.error?.code),
              message: video.error?.message ?? 'OpenAI reported the video as failed without a message.',
            },
          };
        case 'queued':
          return { status: 'queued', progress: video.progress ?? 0, pollAfterMs };
        default:
          return { status: 'in_progress', progress: video.progress ?? undefined, pollAfterMs };
      }
    },

    async openResult(upstreamId) {
      const response = await callUpstream({
        fetch: doFetch,
        url: `${baseUrl}/videos/${encodeURIComponent(upstreamId)}/content?variant=video`,
        init: { method: 'GET', headers: { ...authHeaders(), accept: 'application/binary' }, redirect: 'follow' },
        timeoutMs: 10 * 60_000,
        describeFailure,
      });
      if (!response.body) throw new Error(`OpenAI returned no body for the content of ${upstreamId}`);
      const length = Number(response.headers.get('content-length'));
      return {
        body: response.body,
        contentType: response.headers.get('content-type') ?? 'video/mp4',
        contentLength: Number.isFinite(length) && length > 0 ? length : undefined,
      };
    },
  };
}

/** The failed-job `error.code` values are unconfirmed (providers.md §1): map what we can recognise. */
function mapFailedJobCode(code: string | null | undefined) {
  if (code && /moderation|policy|safety|content/i.test(code)) return 'content_policy_violation' as const;
  if (code && /invalid/i.test(code)) return 'invalid_request' as const;
  return 'upstream_error' as const;
}

function sizeFromAspect(aspectRatio?: string, resolution?: string): string | undefined {
  if (!aspectRatio && !resolution) return undefined;
  const height = resolution === '1080p' ? 1080 : 720;
  const width = height === 1080 ? 1920 : 1280;
  return aspectRatio === '9:16' ? `${height}x${width}` : `${width}x${height}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

