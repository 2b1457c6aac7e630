import type { IncomingMessage, ServerResponse } from 'node:http';
import { AnthropicHttpError } from '../anthropic/anthropic-error';
import { watchClient } from '../anthropic/client-watch';
import { sendJson } from '../../shared/send-json';
import { serveAdmin, serveRequest } from '../../shared/serve-request';
import type { VertexFakeState } from './fake-state';
import { GoogleApiError, OAuthError, quotaExceeded } from './google-error';
import { handlePredict, PREDICT_PATH } from './predict-route';
import { handleToken } from './token-route';

const notFound = () => new GoogleApiError(404, 'NOT_FOUND', 'The requested URL was not found on this server.');

/** The token endpoint, the prediction routes and the read-outs of one fake Vertex AI. */
export async function handleRequest(state: VertexFakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const watch = watchClient(response, state.messages.stats);
  let model = '';
  await serveRequest(request, response, {
    async route(url) {
      if (url.pathname.startsWith('/__fake/')) return serveReadouts(state, request, response, url.pathname);
      if (request.method === 'POST' && url.pathname === '/token') return handleToken(state, request, response);
      const match = request.method === 'POST' ? PREDICT_PATH.exec(url.pathname) : null;
      if (!match) throw notFound();
      model = decodeURIComponent(match[3]!);
      return handlePredict(state, request, response, match, watch);
    },
    answerError(error) {
      if (watch.signal.aborted) return;
      if (error instanceof GoogleApiError || error instanceof OAuthError) return sendJson(response, error.status, error.body());
      // Vertex meters Claude with its own quota: a rate limit is Google's 429, with no Retry-After.
      if (error instanceof AnthropicHttpError && error.status === 429) {
        const quota = quotaExceeded(model);
        return sendJson(response, quota.status, quota.body());
      }
      // The model's own errors (a bad body, an overload) come through in Anthropic's shape.
      if (error instanceof AnthropicHttpError) return sendJson(response, error.status, { type: 'error', error: { type: error.type, message: error.message } });
      console.error('fake vertex: unexpected error', error);
      sendJson(response, 500, new GoogleApiError(500, 'INVALID_ARGUMENT', 'Internal error encountered.').body());
    },
  });
}

/** The shared read-outs, plus the key file (for a demo's config) and a switch that revokes every token. */
function serveReadouts(state: VertexFakeState, request: IncomingMessage, response: ServerResponse, pathname: string): void {
  if (request.method === 'GET' && pathname === '/__fake/service-account') return sendJson(response, 200, state.account.keyFile);
  if (request.method === 'POST' && pathname === '/__fake/revoke-tokens') {
    state.tokens.clear();
    return sendJson(response, 200, { revoked: true });
  }
  const stats = { ...state.messages.stats, grants: state.grants, refusedGrants: state.refusedGrants };
  return serveAdmin({ stats, lastCreate: state.received.at(-1) }, request, response, pathname, sendJson, notFound);
}
