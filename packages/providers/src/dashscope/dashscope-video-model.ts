import { z } from 'zod';
import { UpstreamError } from '../http/upstream-error';
import type { PollResult, PollSchedule, VideoModel, VideoModelSettings } from '../contract/video-model';
import { BASE_POLL_SCHEDULE } from '../video/poll-schedule';
import { callUpstream } from '../http/call-upstream';
import { dashScopeNativeBase, dashScopeOrigin } from './dashscope-base-url';
import { describeDashScopeFailure, failedTaskCode, redact, safeJson, type FailureContext } from './dashscope-errors';
import { describeCancelFailure, openOssVideo } from './dashscope-result';
import { findDashScopeTask } from './dashscope-task-search';
import { planWanRequest } from './dashscope-video-request';
import { defaultUpstreamFetch, type UpstreamResponse } from '../http/upstream-fetch';

/**
 * Wan takes 1–5 minutes (Model Studio docs); task queries are limited to 20 QPS per account
 * and the docs suggest polling about every 15 s.
 */
const DEFAULT_SCHEDULE: PollSchedule = { ...BASE_POLL_SCHEDULE, timeoutMs: 30 * 60_000 };

/** Lenient: DashScope adds fields per model (usage, actual_prompt, …); we read only these. */
const taskResponse = z.object({
  request_id: z.string().nullish(),
  output: z
    .object({
      task_id: z.string().nullish(),
      task_status: z.string().nullish(),
      video_url: z.string().nullish(),
      code: z.string().nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
});

/** Alibaba DashScope (Model Studio) Wan video through the native async task API (providers.md §3). */
export function createDashScopeVideoModel(settings: VideoModelSettings): VideoModel {
  const origin = dashScopeOrigin(settings.apiBase);
  const doFetch = settings.fetch ?? defaultUpstreamFetch();
  const pollSchedule = { ...DEFAULT_SCHEDULE, ...settings.pollSchedule };
  const context: FailureContext = {
    keyName: settings.apiKeyEnv ?? 'the api_key of this deployment',
    origin,
    modelId: settings.model,
    apiKey: settings.apiKey,
  };
  const describeFailure = (status: number, body: string) => describeDashScopeFailure(context, status, body);
  const authHeaders = (): Record<string, string> => (settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {});
  const nativeBase = dashScopeNativeBase(settings.apiBase);
  const taskUrl = (taskId: string) => `${nativeBase}/tasks/${encodeURIComponent(taskId)}`;

  async function readTask(response: UpstreamResponse, url: string) {
    const text = await response.text();
    const parsed = taskResponse.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    throw new UpstreamError({
      code: 'upstream_error',
      message: `DashScope answered ${response.status} with a body reelay cannot read: ${redact(text.slice(0, 200), settings.apiKey)}`,
      url,
      statusCode: response.status,
      responseBody: text.slice(0, 4000),
      isRetryable: true,
      // Only a create can leave a task behind; the caller overrides this for creates.
      taskMayExist: 'no',
    });
  }

  return {
    provider: 'dashscope',
    modelId: settings.model,
    pollSchedule,
    // The OSS link of video_url is valid for 24 h (providers.md §3).
    resultLifetimeMs: 24 * 60 * 60_000,

    checkRequest(request) {
      const { errors, warnings } = planWanRequest(settings.model, request);
      return { errors, warnings };
    },

    async submit(request) {
      const url = `${nativeBase}/services/aigc/video-generation/video-synthesis`;
      const plan = planWanRequest(settings.model, request);
      if (plan.errors.length > 0) {
        // The API checks first; this guards direct callers so an impossible request is never paid for.
        throw new UpstreamError({
          code: 'invalid_request',
          message: `Not sent to DashScope: ${plan.errors.map((problem) => `${problem.param}: ${problem.message}`).join(' ')}`,
          url,
          isRetryable: false,
          taskMayExist: 'no',
        });
      }
      const body = { model: settings.model, input: plan.input, parameters: plan.parameters };
      const response = await callUpstream({
        fetch: doFetch,
        url,
        init: {
          method: 'POST',
          // Without X-DashScope-Async the endpoint refuses: "current user api does not support synchronous calls".
          headers: { ...authHeaders(), 'content-type': 'application/json', 'x-dashscope-async': 'enable' },
          body: JSON.stringify(body),
        },
        timeoutMs: 60_000,
        describeFailure,
      });
      const task = await readTask(response, url).catch((error: unknown) => {
        throw withTaskMayExist(error);
      });
      const taskId = task.output?.task_id;
      if (!taskId) {
        throw new UpstreamError({
          code: 'upstream_error',
          message: `DashScope accepted the create but returned no output.task_id (request_id ${task.request_id ?? 'none'}).`,
          url,
          statusCode: response.status,
          isRetryable: false,
          taskMayExist: 'unknown',
        });
      }
      return { upstreamId: taskId, warnings: plan.warnings };
    },

    findCreatedTask: (lost) => findDashScopeTask({ fetch: doFetch, tasksUrl: `${nativeBase}/tasks`, headers: authHeaders(), model: settings.model, lost, describeFailure }),

    async poll(upstreamId): Promise<PollResult> {
      const url = taskUrl(upstreamId);
      const response = await callUpstream({
        fetch: doFetch,
        url,
        init: { method: 'GET', headers: authHeaders() },
        timeoutMs: 30_000,
        describeFailure,
      });
      const output = (await readTask(response, url)).output;
      const status = output?.task_status ?? 'UNKNOWN';
      switch (status) {
        case 'PENDING':
          return { status: 'queued' };
        case 'RUNNING':
        case 'SUSPENDED':
          return { status: 'in_progress' };
        case 'SUCCEEDED':
          if (output?.video_url) return { status: 'completed', resultRef: output.video_url };
          return { status: 'failed', error: { code: 'upstream_error', message: `DashScope task ${upstreamId} SUCCEEDED without a video_url.` } };
        case 'FAILED': {
          const code = output?.code ?? undefined;
          const detail = output?.message || 'no message';
          return {
            status: 'failed',
            error: { code: failedTaskCode(code), message: `DashScope task failed${code ? ` (${code})` : ''}: ${detail}` },
          };
        }
        case 'CANCELED':
          return { status: 'failed', error: { code: 'upstream_error', message: `Task ${upstreamId} was cancelled at DashScope.` } };
        case 'UNKNOWN':
          return {
            status: 'failed',
            error: { code: 'expired', message: `DashScope reports task ${upstreamId} as UNKNOWN: task expired or unknown (DashScope keeps task ids 24 h).` },
          };
        default:
          // A status added after this adapter was written: keep polling until the deadline.
          return { status: 'in_progress' };
      }
    },

    async cancel(upstreamId) {
      const url = `${taskUrl(upstreamId)}/cancel`;
      const response = await callUpstream({
        fetch: doFetch,
        url,
        init: { method: 'POST', headers: authHeaders() },
        timeoutMs: 30_000,
        describeFailure: (status, body) => describeCancelFailure(describeFailure(status, body), status, upstreamId),
      });
      // Read the answer so the connection goes back to the pool.
      await response.text().catch(() => '');
    },

    openResult(upstreamId, resultRef) {
      return openOssVideo(doFetch, upstreamId, resultRef);
    },
  };
}

/** A create that answered 2xx made a task, even when its body is unreadable. */
function withTaskMayExist(error: unknown): unknown {
  return error instanceof UpstreamError ? error.with({ isRetryable: false, taskMayExist: 'unknown' }) : error;
}
