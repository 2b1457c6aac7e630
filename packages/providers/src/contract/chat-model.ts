import type { UpstreamError } from '../http/upstream-error';
import type { UpstreamDispatcher } from '../http/chat-transport';
import type { ReasoningReplay } from '../reasoning/reasoning-replay';

/**
 * The chat model every text vendor implements. The neutral wire format is OpenAI Chat
 * Completions: a request is the client's (validated) body, an answer is a `chat.completion`
 * or a sequence of `chat.completion.chunk`s. Vendors that speak it pass bytes through;
 * the others (Anthropic) translate both ways inside their folder.
 */
export interface ChatRequest {
  /** The client's body (OpenAI shape, validated at the edge); the adapter sets `model` to its own id. */
  body: Record<string, unknown>;
}

/** Token counts as the upstream reported them, cache reads included in `promptTokens`. */
export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Prompt tokens served from the vendor's cache (part of `promptTokens`). */
  cachedTokens?: number;
}

export interface ChatCallOptions {
  /** Aborted when the client goes away or a timeout fires: the upstream call stops at once. */
  signal: AbortSignal;
}

export interface ChatCompletion {
  /** The `chat.completion` JSON text, as sent to the client (a vendor's own bytes where it speaks OpenAI). */
  json: string;
  usage?: ChatUsage;
}

/** One piece of a streamed answer, in order. */
export type ChatStreamPart =
  /**
   * A `chat.completion.chunk` as JSON text. `output` is false for chunks that carry nothing a
   * client shows (the role preamble, an empty delta): those may still be held back before the
   * commit point. `usageOnly` marks the final `choices: []` usage chunk.
   */
  | { type: 'chunk'; json: string; output: boolean; usageOnly: boolean; usage?: ChatUsage }
  /** The vendor reported a failure inside the stream (after its 200). The stream ends after it. */
  | { type: 'error'; error: UpstreamError };

export interface ChatStream extends AsyncIterable<ChatStreamPart> {
  /** Stops reading and frees the connection (a client gone, a failover). */
  close(): void;
}

/**
 * An option of the request this target cannot take: with `drop_params` it is dropped and
 * reported, without it the request is refused with a 400 naming it.
 */
export interface UnsupportedParam {
  param: string;
  reason: string;
}

export interface ChatModel {
  readonly provider: string;
  readonly modelId: string;
  /** Pure: the options of this request the vendor refuses (`drop_params` decides what happens). */
  unsupportedParams(request: ChatRequest): UnsupportedParam[];
  /** Pure: the options the adapter rewrites to the vendor's own (`max_tokens` → `max_completion_tokens`), reported to the client. */
  translatedParams(request: ChatRequest): string[];
  /**
   * Pure: hints this model cannot take (a reasoning knob for a model that picks its reasoning
   * by variant): always left out, whatever `drop_params` says, and reported as dropped.
   */
  ignoredParams?(request: ChatRequest): UnsupportedParam[];
  /** Which earlier-turn reasoning state this model reads back (default: none). */
  readonly reasoningReplay?: ReasoningReplay;
  /** A non-streamed completion. Rejects with UpstreamError. */
  complete(request: ChatRequest, options: ChatCallOptions): Promise<ChatCompletion>;
  /** Resolves once the vendor answered 2xx and its stream is open; rejects with UpstreamError before. */
  stream(request: ChatRequest, options: ChatCallOptions): Promise<ChatStream>;
}

export interface ChatModelSettings {
  /** The vendor's model id (`litellm_params.model` after the prefix). */
  model: string;
  apiBase?: string;
  apiKey?: string;
  /** The env var the key came from, named in auth errors. */
  apiKeyEnv?: string;
  /** `model_info.id`, named in errors. */
  deploymentId?: string;
  /** `litellm_params.extra_headers`: sent on every call. */
  extraHeaders?: Record<string, string>;
  /** `litellm_params.vertex_project` (Vertex AI): the Google Cloud project the calls are billed to. */
  vertexProject?: string;
  /** `litellm_params.vertex_location` (Vertex AI): a region such as `us-east5`, or `global`. */
  vertexLocation?: string;
  /** `litellm_params.vertex_credentials` (Vertex AI), resolved: a service-account key as JSON text or a path to its file. Never shown. */
  vertexCredentials?: string;
  /** The env var vertex_credentials came from, named in auth errors. */
  vertexCredentialsEnv?: string;
  /** Injected transport (tests, benchmarks); default one keep-alive pool per process. */
  dispatcher?: UpstreamDispatcher;
}

export interface ChatAdapter {
  create(settings: ChatModelSettings): ChatModel;
}
