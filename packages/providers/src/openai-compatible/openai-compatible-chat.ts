import type { ChatCallOptions, ChatCompletion, ChatModel, ChatModelSettings, ChatRequest, ChatStream, ChatStreamPart } from '../contract/chat-model';
import { chatStreamOf, readJsonAnswer, requireEventStream, sendChat } from '../http/chat-call';
import { chatFailure, chatFailureFromWords, type ChatFailureContext } from '../http/chat-failure';
import type { ChatHttpResponse } from '../http/chat-transport';
import { readSseEvents } from '../http/sse-reader';
import { readVendorError } from '../http/vendor-error-body';
import { readChunk } from './chunk-reading';
import type { OpenAICompatibleVendor } from './openai-compatible-vendor';
import { readOpenAIUsage } from './openai-usage';
import { applyReasoningMapping, reasoningIgnored, reasoningMappingOf, reasoningTranslated } from './reasoning-fields';
import { NO_REASONING_REPLAY } from '../reasoning/reasoning-replay';

/**
 * The one chat adapter of every vendor that speaks OpenAI Chat Completions. Answers pass
 * through as the vendor's bytes (its extra fields, Perplexity's citations, reasoning_content,
 * survive untouched); only the model id is set and usage is always asked for.
 */
export function createOpenAICompatibleChatModel(vendor: OpenAICompatibleVendor, settings: ChatModelSettings): ChatModel {
  const url = vendor.chatUrl(settings.apiBase);
  const context: ChatFailureContext = { label: vendor.label, url, apiKey: settings.apiKey, apiKeyEnv: settings.apiKeyEnv, authHint: vendor.authHint?.(settings.apiBase) };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
    ...vendor.headers?.(settings.apiKey),
    ...settings.extraHeaders,
  };

  const renames = (body: Record<string, unknown>) => vendor.renamedParams?.(body, settings.model) ?? [];
  const reasoning = (body: Record<string, unknown>) => reasoningMappingOf(vendor, body, settings.model);

  function upstreamBody(request: ChatRequest, stream: boolean): string {
    const body: Record<string, unknown> = { ...request.body, model: settings.model, stream };
    for (const { from, to } of renames(request.body)) {
      body[to] ??= body[from];
      delete body[from];
    }
    applyReasoningMapping(body, reasoning(request.body));
    if (!stream) delete body.stream_options;
    else if (vendor.streamUsage === 'ask') body.stream_options = { ...(body.stream_options as object | undefined), include_usage: true };
    else delete body.stream_options;
    return JSON.stringify(body);
  }

  return {
    provider: vendor.provider,
    modelId: settings.model,

    unsupportedParams: (request) => vendor.unsupportedParams?.(request.body, settings.model) ?? [],
    translatedParams: (request) => [...renames(request.body).map(({ from, to }) => `${from}->${to}`), ...reasoningTranslated(reasoning(request.body))],
    ignoredParams: (request) => reasoningIgnored(reasoning(request.body), request.body),
    reasoningReplay: typeof vendor.reasoningReplay === 'function' ? vendor.reasoningReplay(settings.model) : (vendor.reasoningReplay ?? NO_REASONING_REPLAY),

    async complete(request, options: ChatCallOptions): Promise<ChatCompletion> {
      const response = await sendChat(context, headers, upstreamBody(request, false), options.signal, settings.dispatcher);
      const { text, parsed } = await readJsonAnswer(response, context, options.signal);
      // Some vendors answer a failure with 200 and an error body.
      if (parsed.error && !parsed.choices) throw chatFailure(context, 502, text);
      return { json: text, usage: readOpenAIUsage(parsed.usage) };
    },

    async stream(request, options: ChatCallOptions): Promise<ChatStream> {
      const response = await sendChat(context, { ...headers, accept: 'text/event-stream' }, upstreamBody(request, true), options.signal, settings.dispatcher);
      await requireEventStream(response, context);
      return chatStreamOf(response, context, options.signal, () => openAIChunks(response, context));
    },
  };
}

/** The vendor's chunks as parts: passed through as text, with their in-stream errors and a cut stream read as failures. */
async function* openAIChunks(response: ChatHttpResponse, context: ChatFailureContext): AsyncGenerator<ChatStreamPart> {
  for await (const event of readSseEvents(response.body)) {
    if (event.data === '[DONE]') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      continue; // not a chunk (a stray keep-alive payload): nothing to pass on
    }
    const reading = readChunk(parsed);
    if (reading.error) {
      const status = typeof reading.error.code === 'number' && reading.error.code >= 400 ? reading.error.code : 502;
      yield { type: 'error', error: chatFailureFromWords(context, status, readVendorError(event.data), { inStream: true, body: event.data }) };
      return;
    }
    yield { type: 'chunk', json: event.data, output: reading.output, usageOnly: reading.usageOnly, ...(reading.usage ? { usage: reading.usage } : {}) };
  }
  // No [DONE]: the connection was cut. A stream without its end must not pass for a whole answer.
  yield { type: 'error', error: chatFailureFromWords(context, 502, { message: 'the stream ended without its final [DONE] event (the connection was cut)' }, { inStream: true }) };
}
