import type { ChatCompletion, ChatModel, ChatModelSettings, ChatStream, ChatStreamPart } from '../contract/chat-model';
import { chatStreamOf, readJsonAnswer, requireEventStream, sendChat } from '../http/chat-call';
import { chatFailureFromWords, type ChatFailureContext } from '../http/chat-failure';
import type { ChatHttpResponse } from '../http/chat-transport';
import { readSseEvents } from '../http/sse-reader';
import { UpstreamError } from '../http/upstream-error';
import { readVendorError } from '../http/vendor-error-body';
import { agentFailureOf, statusOfAgentError, wordsOfAgentError } from './agent-errors';
import { AgentStreamTranslator } from './agent-stream-translator';
import { agentEvent, agentResponse, type AgentError } from './agent-wire';
import { fromAgentResponse } from './from-agent-response';
import { perplexityAgentUrl } from './perplexity-base-url';
import { agentTranslatedParams, agentUnsupportedParams, toAgentRequest } from './to-agent-request';

/** Perplexity's proxy answers a refused key with an HTML 401 page, which says nothing of keys. */
const AUTH_HINT = 'Perplexity refuses a bad key with an HTML 401 page from its proxy; create a key under API Keys at console.perplexity.ai';

/**
 * Sonar-family names (and any Agent API model or preset) through Perplexity's Agent API,
 * POST /v1/agent, translated from and to Chat Completions both ways. Sonar's chat
 * completions endpoint was retired on 2026-09-27 (text-providers.md §1.6).
 */
export function createPerplexityAgentChatModel(settings: ChatModelSettings): ChatModel {
  const url = perplexityAgentUrl(settings.apiBase);
  const context: ChatFailureContext = { label: 'Perplexity', url, apiKey: settings.apiKey, apiKeyEnv: settings.apiKeyEnv, authHint: AUTH_HINT };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
    ...settings.extraHeaders,
  };

  return {
    provider: 'perplexity',
    modelId: settings.model,
    unsupportedParams: (request) => agentUnsupportedParams(request.body, settings.model),
    translatedParams: (request) => agentTranslatedParams(request.body, settings.model),

    async complete(request, options): Promise<ChatCompletion> {
      const body = JSON.stringify(toAgentRequest(request.body, settings.model, false));
      const response = await send(context, headers, body, options.signal, settings);
      const { text, parsed } = await readJsonAnswer(response, context, options.signal);
      const answer = agentResponse.safeParse(parsed);
      if (!answer.success || (answer.data.object !== 'response' && !answer.data.output)) throw chatFailureFromWords(context, 502, readVendorError(text), { body: text });
      // Failed and cancelled runs come back as 200s with `status` and `error` set.
      const failure = agentFailureOf(answer.data);
      if (failure) throw failureOf(context, failure, text, false);
      return fromAgentResponse(answer.data, settings.model);
    },

    async stream(request, options): Promise<ChatStream> {
      const body = JSON.stringify(toAgentRequest(request.body, settings.model, true));
      const response = await send(context, { ...headers, accept: 'text/event-stream' }, body, options.signal, settings);
      await requireEventStream(response, context);
      const translator = new AgentStreamTranslator(settings.model);
      return chatStreamOf(response, context, options.signal, () => agentParts(response, context, translator));
    },
  };
}

/**
 * sendChat, with Perplexity's error `type` as the code the message names: its envelope's
 * `code` only repeats the HTTP status ("answered 429 (429)" tells a reader nothing).
 */
async function send(context: ChatFailureContext, headers: Record<string, string>, body: string, signal: AbortSignal, settings: ChatModelSettings): Promise<ChatHttpResponse> {
  try {
    return await sendChat(context, headers, body, signal, settings.dispatcher);
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.statusCode === undefined || !error.responseBody) throw error;
    const words = readVendorError(error.responseBody);
    if (!words.type || words.code !== String(error.statusCode)) throw error;
    throw chatFailureFromWords(context, error.statusCode, { ...words, code: words.type }, { body: error.responseBody, retryAfterMs: error.retryAfterMs });
  }
}

function failureOf(context: ChatFailureContext, error: AgentError, body: string, inStream: boolean) {
  return chatFailureFromWords(context, statusOfAgentError(error), wordsOfAgentError(error), { body, inStream });
}

/** The run's events as parts; a failed run, an `error` event and a stream cut before its terminal event are failures. */
async function* agentParts(response: ChatHttpResponse, context: ChatFailureContext, translator: AgentStreamTranslator): AsyncGenerator<ChatStreamPart> {
  for await (const event of readSseEvents(response.body)) {
    let raw: unknown;
    try {
      raw = JSON.parse(event.data);
    } catch {
      continue; // not an event (a `[DONE]` from a proxy, a keep-alive payload)
    }
    const parsed = agentEvent.safeParse(raw);
    if (!parsed.success) {
      const error = (raw as { error?: unknown } | null)?.error;
      // A bare `{"error": …}` (a proxy's, or an `event: error` line) ends the stream like a failed run.
      if (error || event.event === 'error') {
        yield { type: 'error', error: chatFailureFromWords(context, 502, readVendorError(event.data), { inStream: true, body: event.data }) };
        return;
      }
      continue;
    }
    yield* translator.translate(parsed.data);
    if (translator.failure) {
      yield { type: 'error', error: failureOf(context, translator.failure, event.data, true) };
      return;
    }
    if (translator.stopped) return;
  }
  yield { type: 'error', error: chatFailureFromWords(context, 502, { message: 'the stream ended before response.completed (the connection was cut)' }, { inStream: true }) };
}
