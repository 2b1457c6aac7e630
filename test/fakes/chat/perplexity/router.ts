import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendVendorErrorAs } from './send-error';
import { serveAdmin, serveRequest } from '../../shared/serve-request';
import { sendJson } from '../../shared/send-json';
import { handleAgent } from './agent-route';
import type { FakeState } from './fake-state';
import { badKey, notFound, retiredEndpoint, serverError } from './perplexity-error';
import { VendorHttpError } from '../openai-compatible/vendor-error';

/** Where Sonar chat completions used to be served: retired on 2026-09-27 (text-providers.md §1.6). */
const RETIRED = ['/chat/completions', '/v1/chat/completions', '/v1/sonar'];
const AGENT = ['/v1/agent', '/v1/responses'];

/** Unauthenticated read-outs first, then the key (the proxy checks it before any route), then the routes. */
export async function handleRequest(state: FakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.once('close', () => {
    if (!response.writableFinished) state.stats.aborted += 1;
  });
  await serveRequest(request, response, {
    route: (url) => route(state, request, response, url),
    answerError(error) {
      if (!(error instanceof VendorHttpError)) console.error('fake perplexity: unexpected error', error);
      sendVendorErrorAs(response, error instanceof VendorHttpError ? error : serverError());
    },
  });
}

async function route(state: FakeState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
  if (path.startsWith('/__fake/')) return serveAdmin({ stats: { ...state.stats }, lastCreate: state.received.at(-1) }, request, response, path, sendJson, notFound);
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  if (presented !== state.apiKey) {
    state.stats.rejectedAuth += 1;
    throw badKey();
  }
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
  if (request.method === 'POST' && AGENT.includes(path)) return handleAgent(state, request, response, path, headers);
  state.received.push({ path, headers, body: {} });
  if (request.method === 'POST' && RETIRED.includes(path)) throw retiredEndpoint(path);
  throw notFound();
}
