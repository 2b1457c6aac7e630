/**
 * POST /v1/messages: the vendor's checks, then the markers of ../chat-fake.ts in the order a
 * real upstream would show them (no answer at all, a late answer, a refusal, the answer).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { planAnswer } from './answer-plan';
import { notFound, overloaded, rateLimited } from './anthropic-error';
import type { ClientWatch } from './client-watch';
import type { FakeState } from './fake-state';
import { sendJson } from '../../shared/send-json';
import { finishedMessage } from './message-json';
import { streamAnswer } from './message-stream';
import { readMessagesRequest } from './messages-request';
import { withModelFaults } from '../chat-markers';
import { readMarkers } from './prompt-markers';
import { notAJsonObject, type JsonObject } from './request-body';
import { requireVersion } from './request-headers';
import { promptTokens } from './usage';
import { isUnknownModel } from '../unknown-models';

export async function handleMessages(state: FakeState, request: IncomingMessage, response: ServerResponse, body: JsonObject | null, watch: ClientWatch) {
  state.stats.requests += 1;
  if (body?.stream === true) state.stats.streams += 1;
  requireVersion(request);
  if (!body) throw notAJsonObject();
  const parsed = readMessagesRequest(body, 'messages', state.signatures);
  if (isUnknownModel(parsed.model)) throw notFound(`model: ${parsed.model}`);

  const read = readMarkers(parsed.turns);
  const markers = { ...withModelFaults(read, parsed.model, parsed.stream), redacted: read.redacted };
  if (markers.hang) return watch.gone();
  await watch.sleep(markers.slowMs);
  if (markers.failWith === 429) {
    state.stats.rateLimited += 1;
    throw rateLimited();
  }
  if (markers.failWith === 500) throw overloaded();

  const plan = planAnswer(parsed, markers);
  rememberThinking(state, plan);
  if (parsed.stream) await streamAnswer(response, plan, markers, watch, state.stats);
  else sendJson(response, 200, finishedMessage(plan));
}

/** Every thinking block handed out, and the order of them before each tool call, for the replay checks. */
function rememberThinking(state: FakeState, plan: ReturnType<typeof planAnswer>) {
  const sequence: string[] = [];
  for (const block of plan.blocks) {
    if (block.type === 'thinking') {
      state.signatures.textOfSignature.set(block.signature, block.pieces.join(''));
      sequence.push(block.signature);
    } else if (block.type === 'redacted_thinking') {
      state.signatures.redacted.add(block.data);
      sequence.push(block.data);
    } else if (block.type === 'tool_use' && sequence.length > 0) state.signatures.sequenceOfToolUse.set(block.id, sequence);
  }
}

/** POST /v1/messages/count_tokens: the same checks and the same prompt count, without a cache split. */
export function handleCountTokens(state: FakeState, request: IncomingMessage, response: ServerResponse, body: JsonObject | null) {
  requireVersion(request);
  if (!body) throw notAJsonObject();
  const parsed = readMessagesRequest(body, 'count_tokens', state.signatures);
  if (isUnknownModel(parsed.model)) throw notFound(`model: ${parsed.model}`);
  sendJson(response, 200, { input_tokens: promptTokens(parsed) });
}
