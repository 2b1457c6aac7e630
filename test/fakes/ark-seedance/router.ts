import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveAdmin, serveRequest } from '../shared/serve-request';
import { ArkHttpError, authenticationError, internalError, newRequestId } from './ark-error';
import { handleCreate } from './create-route';
import type { FakeState } from './fake-state';
import { sendJson } from './http-response';
import { handleDeleteTask, handleGetTask, handleListTasks } from './task-routes';
import { handleTosGet } from './tos-route';

const TASKS_PATH = '/api/v3/contents/generations/tasks';

/** Test read-outs and the public TOS downloads first; everything under /api/v3 needs the Bearer key. */
export async function handleRequest(state: FakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  const requestId = newRequestId();
  await serveRequest(request, response, {
    async route(url) {
      if (url.pathname.startsWith('/__fake/')) return serveAdmin(state, request, response, url.pathname, sendJson, () => pathNotFound(url.pathname));
      if (url.pathname.startsWith('/_tos/') && (method === 'GET' || method === 'HEAD')) return await handleTosGet(state, request, response, url);
      if (!url.pathname.startsWith('/api/v3/')) throw pathNotFound(url.pathname);
      checkAuth(state, request);
      await route(state, request, response, url, method);
    },
    answerError(error) {
      if (!(error instanceof ArkHttpError)) console.error('fake ark-seedance: unexpected error', error);
      const failure = error instanceof ArkHttpError ? error : internalError();
      sendJson(response, failure.status, failure.body(requestId), { ...failure.headers, 'x-request-id': requestId });
    },
  });
}

function checkAuth(state: FakeState, request: IncomingMessage): void {
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  if (presented === state.apiKey) return;
  state.stats.rejectedAuth += 1;
  throw authenticationError();
}

async function route(state: FakeState, request: IncomingMessage, response: ServerResponse, url: URL, method: string): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === TASKS_PATH) {
    if (method === 'POST') return handleCreate(state, request, response);
    if (method === 'GET') return handleListTasks(state, request, response, url.searchParams);
  } else if (path.startsWith(`${TASKS_PATH}/`)) {
    const id = decodeURIComponent(path.slice(TASKS_PATH.length + 1));
    if (!id.includes('/')) {
      if (method === 'GET') return handleGetTask(state, request, response, id);
      if (method === 'DELETE') return handleDeleteTask(state, response, id);
    }
  }
  throw new ArkHttpError(404, 'NotFound', `The requested resource ${method} ${url.pathname} was not found.`);
}

function pathNotFound(pathname: string): ArkHttpError {
  return new ArkHttpError(404, 'NotFound', `The requested path ${pathname} was not found.`);
}
