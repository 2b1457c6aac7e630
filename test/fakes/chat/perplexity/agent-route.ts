import type { IncomingMessage, ServerResponse } from 'node:http';
import { readChatMarkers, withModelFaults } from '../chat-markers';
import { pauseUnlessGone, untilGone } from '../openai-compatible/client-gone';
import { readJsonObject } from '../openai-compatible/request-body';
import { sendJson } from '../../shared/send-json';
import { planAgentAnswer } from './agent-answer';
import { agentEvents, writeAgentEvents } from './agent-events';
import { parseAgentRequest } from './agent-request';
import { responseObject } from './agent-response-json';
import type { FakeState } from './fake-state';
import { invalidRequest, rateLimited, serverError } from './perplexity-error';

/**
 * POST /v1/agent (and its alias /v1/responses): Perplexity's strict body checks first, then
 * the markers of ../chat-fake.ts read from the last user input, then the run as JSON or SSE.
 */
export async function handleAgent(state: FakeState, request: IncomingMessage, response: ServerResponse, path: string, headers: Record<string, string | undefined>): Promise<void> {
  const { stats } = state;
  const read = await readJsonObject(request);
  state.received.push({ path, headers, body: read.ok ? read.value : {} });
  stats.requests += 1;
  if (!read.ok) throw invalidRequest(`invalid request body: ${read.problem.message}`);
  if (read.value.stream === true) stats.streams += 1;
  const agent = parseAgentRequest(read.value);

  const engine = (agent.model ?? agent.preset ?? '').split('/').at(-1)!;
  const lastUser = agent.turns.findLast((turn) => turn.role === 'user')?.text ?? '';
  const markers = withModelFaults(readChatMarkers(lastUser), engine, agent.stream);
  if (markers.hang) return untilGone(response);
  if (!(await pauseUnlessGone(response, markers.slowMs))) return;
  if (markers.failWith === 429) {
    stats.rateLimited += 1;
    throw rateLimited();
  }
  if (markers.failWith === 500) throw serverError();
  if (markers.failFirst !== undefined && !state.failedOnce.has(markers.failFirst)) {
    state.failedOnce.add(markers.failFirst);
    throw serverError();
  }

  const answer = planAgentAnswer(agent, markers);
  if (!agent.stream) return sendJson(response, 200, responseObject(answer, agent, true));
  await writeAgentEvents(response, agentEvents(answer, agent, markers), markers.dripMs, stats);
}
