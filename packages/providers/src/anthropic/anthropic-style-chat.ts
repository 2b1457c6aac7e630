import type { ChatCompletion, ChatModel, ChatModelSettings, ChatStream, ChatStreamPart } from '../contract/chat-model';
import { chatStreamOf, readJsonAnswer, requireEventStream, sendChat } from '../http/chat-call';
import { chatFailureFromWords, chatNetworkFailure, type ChatFailureContext } from '../http/chat-failure';
import { timeoutOf, type ChatHttpResponse } from '../http/chat-transport';
import { readSseEvents } from '../http/sse-reader';
import { UpstreamError } from '../http/upstream-error';
import { readVendorError } from '../http/vendor-error-body';
import { AnthropicStreamTranslator } from './anthropic-stream-translator';
import { fromAnthropicMessage } from './from-anthropic-message';
import { anthropicThinking } from './anthropic-thinking';
import { anthropicUnsupportedParams, DEFAULT_MAX_TOKENS, toAnthropicRequest } from './to-anthropic-request';
import type { ReasoningReplay } from '../reasoning/reasoning-replay';

const CLAUDE_REPLAY: ReasoningReplay = { family: 'anthropic', reasoningContent: 'stripped', thinkingBlocks: true, thoughtSignatures: 'stripped' };

/**
 * Where and how one host of Claude's Messages API is called. Anthropic itself and Vertex AI
 * take the same body and answer the same JSON and SSE; they differ in URL, auth and a few
 * body fields, so each is one of these over the one translation below.
 */
export interface AnthropicStyleEndpoint {
  /** The LiteLLM prefix (`anthropic`, `vertex_ai`). */
  provider: string;
  /** The host's name in messages (`Anthropic`, `Vertex AI`). */
  label: string;
  /** The URL of a call; Vertex has one per mode (`:rawPredict`, `:streamRawPredict`). */
  url(stream: boolean): string;
  /**
   * Headers of one call. May wait (Vertex fetches an access token); a rejection that is not
   * an UpstreamError is read as a failure to reach the host.
   */
  headers(signal: AbortSignal): Record<string, string> | Promise<Record<string, string>>;
  /** The body sent, from the Messages body reelay built (which carries `model`). */
  body(anthropicBody: Record<string, unknown>): Record<string, unknown>;
  /** For masking and naming in errors: the key (never shown) and the variable it came from. */
  apiKey?: string;
  apiKeyEnv?: string;
  /**
   * Called when the host refused a call's credentials (401) and before it is sent once more
   * with fresh `headers`: a cached token may have been revoked or expired early. Without it a
   * 401 is final at once.
   */
  renewAuth?(): void;
  /** Restates an error answer (a non-2xx) in the host's terms: its error shape and what to fix. */
  explainFailure?(error: UpstreamError): UpstreamError;
}

/** Where an OpenAI option lands in a Messages body. */
const ANTHROPIC_RENAMES: Readonly<Record<string, string>> = {
  max_completion_tokens: 'max_tokens',
  stop: 'stop_sequences',
  user: 'metadata.user_id',
  parallel_tool_calls: 'tool_choice.disable_parallel_tool_use',
};

/** Status an in-stream error type would have had as an HTTP answer, for the shared classifier. */
const STATUS_OF_ERROR_TYPE: Readonly<Record<string, number>> = {
  overloaded_error: 529,
  rate_limit_error: 429,
  api_error: 500,
  authentication_error: 401,
  permission_error: 403,
  invalid_request_error: 400,
  not_found_error: 404,
  request_too_large: 413,
};

/** Claude through a Messages-speaking host, translated from and to Chat Completions both ways. */
export function createAnthropicStyleChatModel(endpoint: AnthropicStyleEndpoint, settings: ChatModelSettings): ChatModel {
  // One context per URL: sendChat keeps each URL's parsed target, and errors name the URL called.
  const contextOf = (stream: boolean): ChatFailureContext => ({ label: endpoint.label, url: endpoint.url(stream), apiKey: endpoint.apiKey, apiKeyEnv: endpoint.apiKeyEnv });
  const contexts = { answer: contextOf(false), stream: contextOf(true) };

  async function send(context: ChatFailureContext, body: Record<string, unknown>, signal: AbortSignal): Promise<ChatHttpResponse> {
    const text = JSON.stringify(endpoint.body(body));
    for (let attempt = 1; ; attempt++) {
      const headers = await headersOf(context, signal);
      try {
        return await sendChat(context, headers, text, signal, settings.dispatcher);
      } catch (error) {
        // No status: the host never answered, and there is nothing of its own to restate.
        if (!(error instanceof UpstreamError) || error.statusCode === undefined) throw error;
        // Nothing was generated on a 401, so one more try with fresh credentials is safe.
        if (error.statusCode === 401 && endpoint.renewAuth && attempt === 1) {
          endpoint.renewAuth();
          continue;
        }
        throw endpoint.explainFailure?.(error) ?? error;
      }
    }
  }

  async function headersOf(context: ChatFailureContext, signal: AbortSignal): Promise<Record<string, string>> {
    try {
      return await endpoint.headers(signal);
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      throw chatNetworkFailure(context, error, timeoutOf(signal));
    }
  }

  return {
    provider: endpoint.provider,
    modelId: settings.model,
    unsupportedParams: (request) => anthropicUnsupportedParams(request.body),
    // Every option is rewritten for Messages; those that move or change are named.
    translatedParams: (request) => {
      const moved = Object.keys(ANTHROPIC_RENAMES).filter((param) => request.body[param] !== undefined && request.body[param] !== null).map((param) => `${param}->${ANTHROPIC_RENAMES[param]}`);
      const temperature = request.body.temperature;
      const thinking = anthropicThinking(request.body, DEFAULT_MAX_TOKENS).translated;
      return typeof temperature === 'number' && temperature > 1 ? [...moved, 'temperature->1 (Anthropic takes 0 to 1)', ...thinking] : [...moved, ...thinking];
    },
    ignoredParams: (request) => anthropicThinking(request.body, DEFAULT_MAX_TOKENS).ignored,
    // Claude's thinking blocks are read back by Claude wherever it runs (Anthropic, Vertex).
    reasoningReplay: CLAUDE_REPLAY,

    async complete(request, options): Promise<ChatCompletion> {
      const context = contexts.answer;
      const response = await send(context, toAnthropicRequest(request.body, settings.model, false), options.signal);
      const { parsed } = await readJsonAnswer(response, context, options.signal);
      return fromAnthropicMessage(parsed);
    },

    async stream(request, options): Promise<ChatStream> {
      const context = contexts.stream;
      const response = await send(context, toAnthropicRequest(request.body, settings.model, true), options.signal);
      await requireEventStream(response, context);
      const translator = new AnthropicStreamTranslator();
      return chatStreamOf(response, context, options.signal, () => translatedParts(response, context, translator));
    },
  };
}

async function* translatedParts(response: ChatHttpResponse, context: ChatFailureContext, translator: AnthropicStreamTranslator): AsyncGenerator<ChatStreamPart> {
  for await (const event of readSseEvents(response.body)) {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(event.data) as Record<string, unknown>;
    } catch {
      continue;
    }
    if ((event.event ?? data.type) === 'error') {
      const words = readVendorError(event.data);
      yield { type: 'error', error: chatFailureFromWords(context, STATUS_OF_ERROR_TYPE[words.type ?? ''] ?? 500, words, { inStream: true, body: event.data }) };
      return;
    }
    yield* translator.translate(event.event, data);
    if (translator.stopped) return;
  }
  yield { type: 'error', error: chatFailureFromWords(context, 502, { message: 'the stream ended before message_stop (the connection was cut)' }, { inStream: true }) };
}
