/**
 * @reelay/providers: one adapter per provider family, behind one spec.
 * Adapters are leaves: no queues, no job records, no storage.
 */
export type {
  PollResult,
  PollSchedule,
  RequestCheck,
  RequestProblem,
  SubmitResult,
  VideoGenerationRequest,
  VideoModel,
  VideoModelFactory,
  VideoModelSettings,
  VideoResultStream,
} from './contract/video-model';
export type { UpstreamErrorCode } from './contract/upstream-error-code';
export { UpstreamError, isRetryableStatus, parseRetryAfterMs, type TaskMayExist } from './http/upstream-error';
export { deploymentNotices, knownProviderPrefixes, providerCatalog, videoModelFactory, videoProviders, type ProviderEntry } from './catalog';
export { createOpenAIVideoModel } from './openai/openai-video-model';
export { BASE_POLL_SCHEDULE, firstPollDelayMs, nextPollDelayMs } from './video/poll-schedule';
export { createUpstreamFetch, defaultUpstreamFetch, type UpstreamFetch, type UpstreamRequestInit, type UpstreamResponse } from './http/upstream-fetch';
