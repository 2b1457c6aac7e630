import type { ChatStream, ChatStreamPart } from '../contract/chat-model';
import { chatFailure, chatFailureFromWords, chatNetworkFailure, type ChatFailureContext } from './chat-failure';
import { chatTarget, headerOf, postJson, timeoutOf, type ChatHttpResponse, type ChatTarget, type UpstreamDispatcher } from './chat-transport';
import { readVendorError } from './vendor-error-body';

/** Each deployment's URL parsed once (one entry per configured chat URL). */
const targets = new Map<string, ChatTarget>();

/** Sends one chat request; resolves on a 2xx, rejects with the vendor's failure as an UpstreamError. */
export async function sendChat(context: ChatFailureContext, headers: Record<string, string>, body: string, signal: AbortSignal, dispatcher?: UpstreamDispatcher): Promise<ChatHttpResponse> {
  let response: ChatHttpResponse;
  let target = targets.get(context.url);
  if (!target) targets.set(context.url, (target = chatTarget(context.url)));
  try {
    response = await postJson(target, headers, body, signal, dispatcher);
  } catch (error) {
    throw chatNetworkFailure(context, error, timeoutOf(signal));
  }
  if (response.status >= 200 && response.status < 300) return response;
  const text = await response.body.text().catch(() => '');
  throw chatFailure(context, response.status, text, response.headers);
}

/** The whole body of a 2xx answer as JSON; a cut connection or a non-JSON body is the vendor's failure. */
export async function readJsonAnswer(response: ChatHttpResponse, context: ChatFailureContext, signal: AbortSignal): Promise<{ text: string; parsed: Record<string, unknown> }> {
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw chatNetworkFailure(context, error, timeoutOf(signal));
  }
  try {
    return { text, parsed: JSON.parse(text) as Record<string, unknown> };
  } catch {
    throw chatFailureFromWords(context, 502, { message: `a 200 answer that is not JSON: ${text.slice(0, 200)}` });
  }
}

/** A 2xx answer to a stream request that is not a stream: an error the vendor put behind a 200. */
export async function requireEventStream(response: ChatHttpResponse, context: ChatFailureContext): Promise<void> {
  if ((headerOf(response.headers, 'content-type') ?? '').includes('text/event-stream')) return;
  const text = await response.body.text().catch(() => '');
  throw chatFailureFromWords(context, 502, readVendorError(text), { body: text });
}

/**
 * A ChatStream over a vendor's parts: a read failure becomes an error part (unless the client
 * left, which ends it quietly), and the connection is freed whichever way the stream ends.
 */
export function chatStreamOf(response: ChatHttpResponse, context: ChatFailureContext, signal: AbortSignal, parts: () => AsyncGenerator<ChatStreamPart>): ChatStream {
  const free = () => {
    if (!response.body.destroyed) response.body.destroy();
  };
  async function* guarded(): AsyncGenerator<ChatStreamPart> {
    try {
      yield* parts();
    } catch (error) {
      if (signal.aborted && timeoutOf(signal) === undefined) return;
      yield { type: 'error', error: chatNetworkFailure(context, error, timeoutOf(signal)) };
    } finally {
      free();
    }
  }
  const iterator = guarded();
  return { [Symbol.asyncIterator]: () => iterator, close: free };
}
