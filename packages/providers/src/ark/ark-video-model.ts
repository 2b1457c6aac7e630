import { UpstreamError } from '../http/upstream-error';
import type { PollResult, PollSchedule, RequestCheck, VideoGenerationRequest, VideoModel, VideoModelSettings } from '../contract/video-model';
import { BASE_POLL_SCHEDULE } from '../video/poll-schedule';
import { callUpstream } from '../http/call-upstream';
import { resolveArkBaseUrl } from './ark-base-url';
import { buildArkCreateBody } from './ark-create-body';
import { ARK_LABELS, describeArkFailure, type ArkFailureContext } from './ark-errors';
import type { ArkFlavour } from './ark-models';
import { openArkResult } from './ark-result';
import { findArkTask } from './ark-task-search';
import { arkCreatedTask, arkTask, pollResultForTask } from './ark-task';
import { checkArkVideoRequest, planArkRequest } from './ark-video-options';
import { defaultUpstreamFetch } from '../http/upstream-fetch';

/** Seedance usually needs 30 s – 3 min; 2.0 and 1080p clips take longer. */
const DEFAULT_SCHEDULE: PollSchedule = { ...BASE_POLL_SCHEDULE, timeoutMs: 60 * 60_000 };

/** ByteDance Seedance on Volcengine Ark (mainland China). */
export function createVolcengineVideoModel(settings: VideoModelSettings): VideoModel {
  return createArkVideoModel('volcengine', settings);
}

/** ByteDance Seedance on BytePlus ModelArk (international). */
export function createBytePlusVideoModel(settings: VideoModelSettings): VideoModel {
  return createArkVideoModel('byteplus', settings);
}

/**
 * One implementation for both platforms: they share the protocol and differ in base URL,
 * model spelling (`doubao-` prefix on Volcengine) and the console a hint points to.
 */
export function createArkVideoModel(flavour: ArkFlavour, settings: VideoModelSettings): VideoModel {
  const baseUrl = resolveArkBaseUrl(flavour, settings.apiBase);
  const doFetch = settings.fetch ?? defaultUpstreamFetch();
  const label = ARK_LABELS[flavour];
  const model = settings.model;
  const pollSchedule = { ...DEFAULT_SCHEDULE, ...settings.pollSchedule };
  const failure: ArkFailureContext = {
    flavour,
    model,
    keyName: settings.apiKeyEnv ?? 'the api_key of this deployment',
    apiKey: settings.apiKey,
  };
  const describeFailure = (status: number, body: string) => describeArkFailure(failure, status, body);
  const authHeaders = (): Record<string, string> => (settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {});
  const tasksUrl = `${baseUrl}/contents/generations/tasks`;
  const taskUrl = (upstreamId: string) => `${tasksUrl}/${encodeURIComponent(upstreamId)}`;

  return {
    provider: flavour,
    modelId: model,
    pollSchedule,
    // The TOS link of content.video_url is valid for 24 h (providers.md §4).
    resultLifetimeMs: 24 * 60 * 60_000,

    checkRequest(request: VideoGenerationRequest): RequestCheck {
      return checkArkVideoRequest(model, request);
    },

    async submit(request) {
      const plan = planArkRequest(model, request);
      if (plan.errors.length > 0) {
        // Nothing is paid for a request Ark would refuse anyway.
        throw new UpstreamError({
          code: 'invalid_request',
          message: plan.errors.map((problem) => `${problem.param}: ${problem.message}`).join(' '),
          url: tasksUrl,
          isRetryable: false,
          taskMayExist: 'no',
        });
      }
      const response = await callUpstream({
        fetch: doFetch,
        url: tasksUrl,
        init: {
          method: 'POST',
          headers: { ...authHeaders(), 'content-type': 'application/json' },
          body: JSON.stringify(buildArkCreateBody(model, request, plan.fields)),
        },
        timeoutMs: 60_000,
        describeFailure,
      });
      const created = arkCreatedTask.parse(await response.json());
      return { upstreamId: created.id, warnings: plan.warnings };
    },

    findCreatedTask: (lost) => findArkTask({ fetch: doFetch, tasksUrl, headers: authHeaders(), model, lost, describeFailure }),

    async poll(upstreamId): Promise<PollResult> {
      const response = await callUpstream({
        fetch: doFetch,
        url: taskUrl(upstreamId),
        init: { method: 'GET', headers: authHeaders() },
        timeoutMs: 30_000,
        describeFailure,
      });
      return pollResultForTask(arkTask.parse(await response.json()), label);
    },

    /**
     * Ark cancels queued tasks only; a running task runs to the end (and is billed). Ark
     * answers `{}` on success. The same DELETE removes the record of a finished task, so
     * call it only for a task that is not finished.
     */
    async cancel(upstreamId) {
      const response = await callUpstream({
        fetch: doFetch,
        url: taskUrl(upstreamId),
        init: { method: 'DELETE', headers: authHeaders() },
        timeoutMs: 30_000,
        describeFailure(status, body) {
          const described = describeFailure(status, body);
          if (status !== 400 && status !== 409) return described;
          return {
            code: 'invalid_request' as const,
            message: `${label} could not cancel task ${upstreamId}: it cancels only queued tasks, and a task that is already running finishes (and is billed). ${described.message}`,
            retryable: false,
          };
        },
      });
      await response.text().catch(() => '');
    },

    openResult(upstreamId, resultRef) {
      return openArkResult({ fetch: doFetch, label, upstreamId, resultRef });
    },
  };
}
