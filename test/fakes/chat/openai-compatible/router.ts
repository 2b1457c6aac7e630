import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveRequest } from '../../shared/serve-request';
import { handleChat } from './chat-route';
import { recordReceived, type FakeState } from './fake-state';
import { sendVendorError } from './http-response';
import { handleModels } from './models-route';
import { VendorHttpError } from './vendor-error';

/** Auth first, as these vendors do (an unknown route with a bad key is still a key error), then the two routes. */
export async function handleRequest(state: FakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Whatever the route or marker, a response the client left before the fake ended it is an abort.
  response.once('close', () => {
    if (!response.writableFinished) state.stats.aborted += 1;
  });
  await serveRequest(request, response, {
    route: (url) => route(state, request, response, url),
    answerError(error) {
      if (!(error instanceof VendorHttpError)) console.error(`fake ${state.config.flavor} chat: unexpected error`, error);
      sendVendorError(state.config, response, error instanceof VendorHttpError ? error : state.config.errors.serverError());
    },
  });
}

async function route(state: FakeState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const { config } = state;
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  if (presented !== state.apiKey) {
    state.stats.rejectedAuth += 1;
    throw config.errors.badKey(presented);
  }
  const method = request.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '');
  const under = (suffix: string) => config.routePrefixes.some((prefix) => path === `${prefix}${suffix}`);
  if (method === 'POST' && under('/chat/completions')) return handleChat(state, request, response, url.pathname);
  recordReceived(state, request, url.pathname, {});
  if (method === 'GET' && under('/models')) return handleModels(state, response);
  throw config.errors.routeNotFound(method, url.pathname);
}
