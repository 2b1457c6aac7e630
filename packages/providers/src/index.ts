/**
 * @reelay/providers: one folder per vendor (its base-URL rules, error mapping and adapters),
 * the types-only contract they implement, and the modality-free HTTP transport. Adapters are
 * leaves: no queues, no job records, no limits, no storage.
 */
export type {
  LostCreate,
  PollResult,
  TaskSearch,
  PollSchedule,
  RequestCheck,
  RequestProblem,
  SubmitResult,
  VideoAdapter,
  VideoGenerationRequest,
  VideoModel,
  VideoModelFactory,
  VideoModelSettings,
  VideoResultStream,
} from './contract/video-model';
export type { UpstreamErrorCode } from './contract/upstream-error-code';

/** The vendor catalog (also at `@reelay/providers/catalog`, the registry's entry). */
export * from './catalog/index';

/** The one answer to "can this deployment serve video / chat", and the video lanes it implies. */
export { canServe, cannotServeReason, servingProviders, type Modality, type ServableDeployment } from './modality';

export type {
  ChatAdapter,
  ChatCallOptions,
  ChatCompletion,
  ChatModel,
  ChatModelSettings,
  ChatRequest,
  ChatStream,
  ChatStreamPart,
  ChatUsage,
  UnsupportedParam,
} from './contract/chat-model';

/** Each vendor's chat adapter, keyed by prefix (OpenAI-compatible vendors share one implementation). */
export { chatAdapters } from './chat-adapters';
export { anthropicToolInput } from './anthropic/tool-input';
export { readOpenAIUsage } from './openai-compatible/openai-usage';
export { NO_REASONING_REPLAY, SKIP_THOUGHT_SIGNATURE, type ReasoningReplay } from './reasoning/reasoning-replay';
export { ChatCallTimeout, chatDispatcher, type UpstreamDispatcher } from './http/chat-transport';

/** Each vendor's video adapter: `create` builds one (the worker), `checkRequest` is its pure check (the api). */
export { checkVideoRequest, videoAdapters } from './video-adapters';

export { UpstreamError, isRetryableStatus, parseRetryAfterMs, type TaskMayExist } from './http/upstream-error';
export { createUpstreamFetch, defaultUpstreamFetch, type UpstreamFetch, type UpstreamRequestInit, type UpstreamResponse } from './http/upstream-fetch';
export { BASE_POLL_SCHEDULE, firstPollDelayMs, nextPollDelayMs } from './video/poll-schedule';
export { pollScheduleFromParams } from './video/video-params';
