/**
 * The SSE form of an answer: named events (`event: <name>` + `data: <json>`), no `[DONE]`,
 * and Anthropic's in-stream `event: error` after the 200 for `[stream-error]` and
 * `[cut-after=N]` (text-providers.md §1.2).
 */
import type { ServerResponse } from 'node:http';
import type { ChatFakeStats } from '../chat-fake';
import type { AnswerPlan, PlannedBlock } from './answer-plan';
import { overloadedEvent } from './anthropic-error';
import type { ClientWatch } from './client-watch';
import { openedBlock, startedMessage } from './message-json';
import type { AnthropicMarkers as ChatMarkers } from './prompt-markers';

type StreamEvent = readonly [name: string, data: unknown];
type Delta =
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string };

export async function streamAnswer(response: ServerResponse, plan: AnswerPlan, markers: ChatMarkers, watch: ClientWatch, stats: ChatFakeStats) {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  let first = true;
  for (const [name, data] of streamEvents(plan, markers)) {
    if (!first) await watch.sleep(markers.dripMs);
    first = false;
    response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }
  response.end();
  stats.streamsEnded += 1;
}

function* streamEvents(plan: AnswerPlan, markers: ChatMarkers): Generator<StreamEvent> {
  const failure: StreamEvent = ['error', overloadedEvent()];
  yield ['message_start', { type: 'message_start', message: startedMessage(plan) }];
  yield ['ping', { type: 'ping' }];
  if (markers.streamError) {
    yield failure;
    return;
  }
  // Text and tool-argument deltas are the "content pieces" `[cut-after=N]` counts; thinking is not.
  let pieces = 0;
  for (const [index, block] of plan.blocks.entries()) {
    yield ['content_block_start', { type: 'content_block_start', index, content_block: openedBlock(block) }];
    for (const delta of blockDeltas(block)) {
      const isPiece = delta.type === 'text_delta' || delta.type === 'input_json_delta';
      if (isPiece && pieces === markers.cutAfter) {
        yield failure;
        return;
      }
      yield ['content_block_delta', { type: 'content_block_delta', index, delta }];
      if (isPiece) pieces += 1;
    }
    yield ['content_block_stop', { type: 'content_block_stop', index }];
  }
  // An answer shorter than N is still cut before it completes.
  if (markers.cutAfter !== undefined) {
    yield failure;
    return;
  }
  yield ['message_delta', { type: 'message_delta', delta: { stop_reason: plan.stopReason, stop_sequence: plan.stopSequence }, usage: { output_tokens: plan.outputTokens } }];
  yield ['message_stop', { type: 'message_stop' }];
}

function blockDeltas(block: PlannedBlock): Delta[] {
  switch (block.type) {
    case 'thinking':
      // The signature arrives last, in its own delta, just before content_block_stop.
      return [...block.pieces.map((thinking) => ({ type: 'thinking_delta' as const, thinking })), { type: 'signature_delta', signature: block.signature }];
    case 'redacted_thinking':
      return [];
    case 'text':
      return block.pieces.map((text) => ({ type: 'text_delta', text }));
    case 'tool_use':
      return block.jsonPieces.map((partial_json) => ({ type: 'input_json_delta', partial_json }));
  }
}
