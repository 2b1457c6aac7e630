import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ChatFakeStats } from '../chat-fake';
import type { ChatMarkers } from '../chat-markers';
import { isGone, pauseUnlessGone } from '../openai-compatible/client-gone';
import type { AgentAnswer } from './agent-answer';
import type { AgentRequest } from './agent-request';
import { messageItem, responseObject, searchResultsItem } from './agent-response-json';
import { failedEvent } from './perplexity-error';

type Json = Record<string, unknown>;

/**
 * The run as the Agent API streams it: `response.created`, `response.in_progress`, the search
 * leg (a `search_web` function_call item that the final output leaves out, the queries, the
 * results as an event and then as an item), the message item added with `content: null`, one
 * `response.output_text.delta` per piece, the done events, and one terminal event carrying
 * the whole response. `[stream-error]` fails before any text, `[cut-after=N]` after N pieces,
 * both with `response.failed`. Sequence numbers skip one, as Perplexity's do.
 */
export function* agentEvents(answer: AgentAnswer, request: AgentRequest, markers: ChatMarkers): Generator<Json> {
  let sequence = 0;
  const next = (event: Json): Json => ({ ...event, sequence_number: sequence++ });
  yield next({ type: 'response.created', response: responseObject(answer, request, false) });
  yield next({ type: 'response.in_progress', response: responseObject(answer, request, false) });
  if (markers.streamError) {
    yield failedEvent(sequence);
    return;
  }
  if (answer.reasoning.length > 0) yield next({ type: 'response.reasoning.started', thought: answer.reasoning[0] });
  const textIndex = answer.results.length > 0 ? 1 : 0;
  if (answer.results.length > 0) {
    sequence += 1;
    const callId = `call_${randomUUID()}`;
    const call = { type: 'function_call', id: `fc_${randomUUID()}`, call_id: callId, name: 'search_web', arguments: JSON.stringify({ queries: answer.queries }), status: 'completed' };
    yield next({ type: 'response.output_item.added', output_index: 0, item: call });
    yield next({ type: 'response.reasoning.search_queries', call_id: callId, queries: answer.queries, thought: 'Searching the web...' });
    yield next({ type: 'response.reasoning.search_results', call_id: callId, results: answer.results, thought: `Found ${answer.results.length} results` });
    yield next({ type: 'response.output_item.done', output_index: 0, item: searchResultsItem(answer) });
  }
  if (answer.reasoning.length > 0) yield next({ type: 'response.reasoning.stopped', thought: answer.reasoning.at(-1) });
  const message = messageItem(answer);
  yield next({ type: 'response.output_item.added', output_index: textIndex, item: { ...message, content: null } });
  for (const [index, delta] of answer.pieces.entries()) {
    if (index === markers.cutAfter) {
      yield failedEvent(sequence);
      return;
    }
    yield next({ type: 'response.output_text.delta', item_id: answer.messageId, output_index: textIndex, content_index: 0, delta });
  }
  // An answer shorter than N is still cut before it completes.
  if (markers.cutAfter !== undefined) {
    yield failedEvent(sequence);
    return;
  }
  yield next({ type: 'response.output_text.done', item_id: answer.messageId, output_index: textIndex, content_index: 0, text: answer.pieces.join('') });
  yield next({ type: 'response.output_item.done', output_index: textIndex, item: message });
  yield next({ type: answer.cut ? 'response.incomplete' : 'response.completed', response: responseObject(answer, request, true) });
}

/** Writes the events as bare `data:` lines (no `event:` line, no `[DONE]`), `dripMs` apart, until the client leaves. */
export async function writeAgentEvents(response: ServerResponse, events: Iterable<Json>, dripMs: number, stats: ChatFakeStats): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  response.flushHeaders();
  let first = true;
  for (const event of events) {
    if (!first && !(await pauseUnlessGone(response, dripMs))) return;
    first = false;
    if (isGone(response)) return;
    response.write(`data: ${JSON.stringify(event)}\n\n`);
  }
  response.end();
  stats.streamsEnded += 1;
}
