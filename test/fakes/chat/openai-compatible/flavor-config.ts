import type { ChatFlavor } from '../chat-fake';
import type { ChatRequest } from './chat-request';
import type { ValidationContext } from './issued-tool-calls';
import type { UsageCounts } from './scripted-answer';
import type { RequestProblem, VendorHttpError } from './vendor-error';

export type OpenAICompatibleFlavor = Exclude<ChatFlavor, 'anthropic'>;

/** The fields every chunk of one stream shares (OpenRouter repeats them on its error chunk). */
export interface ChunkHead {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
}

/**
 * A request a flavor refuses: a problem its dialect wraps in the usual 400, or a finished vendor
 * error when the vendor answers that rule with another status or shape (DeepSeek's 422).
 */
export type RequestRejection = RequestProblem | VendorHttpError;

/** The tool call a flavor may decorate: the model it answers as and the call's place in the answer. */
export interface ToolCallContext {
  model: string;
  /** 0 for the first of parallel calls. */
  index: number;
  id: string;
  name: string;
}

/** How a vendor says no; the router writes what these return as is. */
export interface ErrorDialect {
  /** `presented` is undefined when no Bearer key came. Never echo it whole. */
  badKey(presented: string | undefined): VendorHttpError;
  /** `[429]`; the router adds `retry-after: 1`. */
  rateLimited(model: string): VendorHttpError;
  /** `[500]`: a 500, or the status the vendor uses when overloaded (502, 503). */
  serverError(): VendorHttpError;
  invalidRequest(problem: RequestProblem): VendorHttpError;
  /** Any model id starting `missing-`. */
  modelNotFound(model: string): VendorHttpError;
  routeNotFound(method: string, path: string): VendorHttpError;
  /** The JSON of the `data:` event a stream that fails after its 200 ends with. */
  streamError(head: ChunkHead): unknown;
}

export interface StreamDialect {
  /** SSE comment frames (without the blank line) before the first chunk, e.g. `: keep-alive`. */
  preamble?: readonly string[];
  /**
   * When usage is streamed: `requested` a final `choices: []` chunk only with
   * `stream_options.include_usage`; `always` that chunk whatever was asked (OpenRouter);
   * `every-chunk` cumulative usage on each chunk and no usage chunk (Perplexity).
   */
  usage: 'requested' | 'always' | 'every-chunk';
  /** Top-level fields added to every chunk (OpenAI's `obfuscation`, Perplexity's citations). */
  chunkExtras?(context: { includeUsage: boolean }): Record<string, unknown>;
}

/**
 * Everything that makes one OpenAI-compatible vendor differ from another. The server code is
 * shared; a flavor is only this object (see ./flavors/).
 */
export interface FlavorConfig {
  flavor: OpenAICompatibleFlavor;
  /** Appended to the origin to make what a user writes as `api_base`, e.g. `/compatible-mode/v1`. */
  basePath: string;
  /** Prefixes under which `/chat/completions` and `/models` are served ('' is the root). */
  routePrefixes: readonly string[];
  defaultModel: string;
  /** `owned_by` in GET /models. */
  ownedBy: string;
  /** The id GET /models lists for a model (Gemini prefixes `models/`). Default: the id itself. */
  listedModelId?(model: string): string;
  /** Default `application/json`; Google adds a charset. */
  jsonContentType?: string;
  newCompletionId(): string;
  errors: ErrorDialect;
  /** Where visible reasoning goes, for vendors that show it; `[reasoning]` does nothing elsewhere. */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /**
   * Vendor rules past the common checks (Perplexity: no tools, strict alternation; reasoning state
   * replayed as the vendor requires). `context` holds what this fake issued earlier.
   */
  validate?(request: ChatRequest, context: ValidationContext): RequestRejection | undefined;
  /**
   * True when the request switched the vendor's thinking on: the answer then carries reasoning in
   * `reasoningField` whatever the markers say. Default: reasoning only with `[reasoning]`.
   */
  thinkingEnabled?(request: ChatRequest): boolean;
  /** The id of the call at `index` among one answer's parallel calls. Default: OpenAI's `call_` + 24 characters. */
  newToolCallId?(index: number): string;
  /** Fields added to a tool call the fake issues (Gemini's `extra_content`); each issued call is remembered for `validate`. */
  toolCallExtras?(call: ToolCallContext): Record<string, unknown> | undefined;
  /** Top-level fields of a non-stream completion (citations, provider, system_fingerprint). */
  completionExtras?(): Record<string, unknown>;
  /** Fields on every non-stream assistant message, before reasoning is set (e.g. `refusal: null`). */
  messageExtras?: Record<string, unknown>;
  /** Fields added to `usage` beyond the three token counts. */
  usageExtras?(counts: UsageCounts): Record<string, unknown>;
  /** Headers on every 200, e.g. OpenRouter's `x-generation-id`. */
  responseHeaders?(completionId: string): Record<string, string>;
  stream: StreamDialect;
}
