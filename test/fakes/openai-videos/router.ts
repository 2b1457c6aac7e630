import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveAdmin, serveRequest } from '../shared/serve-request';
import { handleContent } from './content-route';
import { handleCreate, handleRemix } from './create-route';
import type { FakeState } from './fake-state';
import { sendJson } from '../shared/send-json';
import { incorrectApiKey, notFound, OpenAIHttpError, serverError } from './openai-error';
import { handleDelete, handleList, handleRetrieve } from './video-routes';

/** Auth first (as OpenAI does, so even unknown routes answer 401), then the Videos routes. */
export async function handleRequest(state: FakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.setHeader('x-request-id', `req_${randomBytes(16).toString('hex')}`);
  await serveRequest(request, response, {
    async route(url) {
      // The stats include `violations` and `createTimes`, so a benchmark in another process can judge the limits.
      if (url.pathname.startsWith('/__fake/')) return serveAdmin(state, request, response, url.pathname, sendJson, () => notFound(`Invalid URL (${request.method} ${url.pathname})`));
      checkAuth(state, request);
      await route(state, request, response, url);
    },
    answerError(error) {
      const failure = error instanceof OpenAIHttpError ? error : serverError();
      if (!(error instanceof OpenAIHttpError)) console.error('fake openai-videos: unexpected error', error);
      sendJson(response, failure.status, failure.body(), failure.headers);
    },
  });
}

function checkAuth(state: FakeState, request: IncomingMessage): void {
  const header = request.headers.authorization ?? '';
  const presented = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (presented === state.apiKey) return;
  state.stats.rejectedAuth += 1;
  throw incorrectApiKey(presented);
}

async function route(state: FakeState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const method = request.method ?? 'GET';
  const segments = url.pathname.replace(/\/+$/, '').split('/').slice(1);
  const [version, resource, rawId, action] = segments;
  if (version === 'v1' && resource === 'videos' && segments.length <= 4) {
    const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
    if (id === undefined && method === 'POST') return handleCreate(state, request, response);
    if (id === undefined && method === 'GET') return handleList(state, response, url.searchParams);
    if (id !== undefined && action === undefined && method === 'GET') {
      if (state.statusDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.statusDelayMs));
      return handleRetrieve(state, response, id);
    }
    if (id !== undefined && action === undefined && method === 'DELETE') return handleDelete(state, response, id);
    if (id !== undefined && action === 'remix' && method === 'POST') return handleRemix(state, request, response, id);
    if (id !== undefined && action === 'content' && method === 'GET') return handleContent(state, response, id, url.searchParams);
  }
  throw notFound(`Invalid URL (${method} ${url.pathname})`);
}
