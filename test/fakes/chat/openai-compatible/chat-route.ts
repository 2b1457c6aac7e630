import type { IncomingMessage, ServerResponse } from 'node:http';
import { lastUserText, parseChatRequest } from './chat-request';
import { pauseUnlessGone, untilGone } from './client-gone';
import { completionBody, type CompletionHead } from './completion-body';
import { recordIssued, recordReceived, type FakeState } from './fake-state';
import { sendJson } from './http-response';
import { readChatMarkers, withModelFaults } from '../chat-markers';
import { readJsonObject } from './request-body';
import { scriptAnswer } from './scripted-answer';
import { writeEventStream } from './sse-writer';
import { streamFrames } from './stream-frames';
import { VendorHttpError } from './vendor-error';
import { isUnknownModel } from '../unknown-models';

/**
 * POST …/chat/completions. The order is the vendors': body and schema checks, then the model,
 * then vendor rules; only a valid request reaches the scripted markers.
 */
export async function handleChat(state: FakeState, request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
  const { config, stats } = state;
  const body = await readJsonObject(request);
  recordReceived(state, request, path, body.ok ? body.value : {});
  stats.requests += 1;
  if (!body.ok) throw config.errors.invalidRequest(body.problem);
  if (body.value.stream === true) stats.streams += 1;

  const parsed = parseChatRequest(body.value);
  if (!parsed.ok) throw config.errors.invalidRequest(parsed.problem);
  const chat = parsed.request;
  if (isUnknownModel(chat.model)) throw config.errors.modelNotFound(chat.model);
  const rejection = config.validate?.(chat, { issued: state.issued });
  if (rejection) throw rejection instanceof VendorHttpError ? rejection : config.errors.invalidRequest(rejection);

  const markers = withModelFaults(readChatMarkers(lastUserText(chat)), chat.model, chat.stream);
  // No headers ever: the client's own timeout or abort is what ends it.
  if (markers.hang) return untilGone(response);
  if (!(await pauseUnlessGone(response, markers.slowMs))) return;
  if (markers.failWith === 429) {
    stats.rateLimited += 1;
    throw config.errors.rateLimited(chat.model).withHeaders({ 'retry-after': '1' });
  }
  if (markers.failWith === 500) throw config.errors.serverError();
  if (markers.failFirst !== undefined && !state.failedOnce.has(markers.failFirst)) {
    state.failedOnce.add(markers.failFirst);
    throw config.errors.serverError();
  }

  const answer = scriptAnswer(config, chat, markers);
  recordIssued(state, chat.model, answer.toolCalls);
  const head: CompletionHead = { id: config.newCompletionId(), created: Math.floor(Date.now() / 1000), model: chat.model };
  const headers = config.responseHeaders?.(head.id) ?? {};
  if (!chat.stream) return sendJson(config, response, 200, completionBody(config, head, answer), headers);

  const script = { includeUsage: chat.includeUsage, failAtOnce: markers.streamError, ...(markers.cutAfter === undefined ? {} : { cutAfter: markers.cutAfter }) };
  await writeEventStream(state, response, streamFrames(config, head, answer, script), markers.dripMs, headers);
}
