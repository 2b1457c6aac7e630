import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveAdmin, serveRequest } from '../../shared/serve-request';
import { AnthropicHttpError, internalError, notFound } from './anthropic-error';
import { watchClient } from './client-watch';
import type { FakeState } from './fake-state';
import { sendJson } from '../../shared/send-json';
import { newRequestId } from './ids';
import { handleCountTokens, handleMessages } from './messages-route';
import { readJsonObject } from './request-body';
import { checkApiKey, copyHeaders } from './request-headers';

/** Auth first, then every authenticated request is recorded as it arrived, whatever its fate. */
export async function handleRequest(state: FakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // The same id goes in the header and the error body, as Anthropic sends both.
  const requestId = newRequestId();
  response.setHeader('request-id', requestId);
  const watch = watchClient(response, state.stats);
  await serveRequest(request, response, {
    async route(url) {
      if (url.pathname.startsWith('/__fake/')) {
        const readouts = { stats: { ...state.stats }, lastCreate: state.received.at(-1) };
        return serveAdmin(readouts, request, response, url.pathname, sendJson, () => notFound('Not Found'));
      }
      try {
        checkApiKey(request, state.apiKey);
      } catch (error) {
        state.stats.rejectedAuth += 1;
        throw error;
      }
      const body = await readJsonObject(request);
      state.received.push({ path: url.pathname, headers: copyHeaders(request.headers), body: body ?? {} });
      if (request.method === 'POST' && url.pathname === '/v1/messages') return handleMessages(state, request, response, body, watch);
      if (request.method === 'POST' && url.pathname === '/v1/messages/count_tokens') return handleCountTokens(state, request, response, body);
      throw notFound('Not Found');
    },
    answerError(error) {
      // Nobody is left to read an answer; the abort was already counted.
      if (watch.signal.aborted) return;
      const failure = error instanceof AnthropicHttpError ? error : internalError();
      if (!(error instanceof AnthropicHttpError)) console.error('fake anthropic: unexpected error', error);
      sendJson(response, failure.status, failure.body(requestId), failure.headers);
    },
  });
}
