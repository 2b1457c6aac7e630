import type { ChatAdapter, ChatCompletion, ChatModel, ChatModelSettings, ChatStream, ChatStreamPart } from '../contract/chat-model';
import { chatStreamOf, readJsonAnswer, requireEventStream, sendChat } from '../http/chat-call';
import { chatFailureFromWords, type ChatFailureContext } from '../http/chat-failure';
import type { ChatHttpResponse } from '../http/chat-transport';
import { readSseEvents } from '../http/sse-reader';
import { readVendorError } from '../http/vendor-error-body';
import { anthropicMessagesUrl } from './anthropic-base-url';
import { AnthropicStreamTranslator } from './anthropic-stream-translator';
import { fromAnthropicMessage } from './from-anthropic-message';
import { anthropicUnsupportedParams, toAnthropicRequest } from './to-anthropic-request';

/** The API version reelay speaks to Anthropic (the one its docs and SDKs default to). */
export const ANTHROPIC_VERSION = '2023-06-01';

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

/** Claude through Anthropic's Messages API, translated from and to Chat Completions both ways. */
export function createAnthropicChatModel(settings: ChatModelSettings): ChatModel {
  const url = anthropicMessagesUrl(settings.apiBase);
  const context: ChatFailureContext = { label: 'Anthropic', url, apiKey: settings.apiKey, apiKeyEnv: settings.apiKeyEnv };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
    ...(settings.apiKey ? { 'x-api-key': settings.apiKey } : {}),
    ...settings.extraHeaders,
  };

  return {
    provider: 'anthropic',
    modelId: settings.model,
    unsupportedParams: (request) => anthropicUnsupportedParams(request.body),
    // Every option is rewritten for Messages; those that move or change are named.
    translatedParams: (request) => {
      const moved = Object.keys(ANTHROPIC_RENAMES).filter((param) => request.body[param] !== undefined && request.body[param] !== null).map((param) => `${param}->${ANTHROPIC_RENAMES[param]}`);
      const temperature = request.body.temperature;
      return typeof temperature === 'number' && temperature > 1 ? [...moved, 'temperature->1 (Anthropic takes 0 to 1)'] : moved;
    },

    async complete(request, options): Promise<ChatCompletion> {
      const response = await sendChat(context, headers, JSON.stringify(toAnthropicRequest(request.body, settings.model, false)), options.signal, settings.dispatcher);
      const { parsed } = await readJsonAnswer(response, context, options.signal);
      return fromAnthropicMessage(parsed);
    },

    async stream(request, options): Promise<ChatStream> {
      const response = await sendChat(context, headers, JSON.stringify(toAnthropicRequest(request.body, settings.model, true)), options.signal, settings.dispatcher);
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

export const anthropicChatAdapter: ChatAdapter = { create: createAnthropicChatModel };
