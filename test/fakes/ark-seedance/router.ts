import type { IncomingMessage, ServerResponse } from 'node:http';
import { ArkHttpError, authenticationError, internalError, newRequestId } from './ark-error';
import { handleCreate } from './create-route';
import type { FakeState } from './fake-state';
import { sendJson } from './http-response';
import { handleDeleteTask, handleGetTask, handleListTasks } from './task-routes';
import { handleTosGet } from './tos-route';

const TASKS_PATH = '/api/v3/contents/generations/tasks';

/** Test read-outs and the public TOS downloads first; everything under /api/v3 needs the Bearer key. */
export async function handleRequest(state: FakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake.invalid');
  const method = request.method ?? 'GET';
  const requestId = newRequestId();
  try {
    if (url.pathname.startsWith('/__fake/')) return serveAdmin(state, response, method, url.pathname);
    if (url.pathname.startsWith('/_tos/') && (method === 'GET' || method === 'HEAD')) return await handleTosGet(state, request, response, url);
    if (!url.pathname.startsWith('/api/v3/')) throw new ArkHttpError(404, 'NotFound', `The requested path ${url.pathname} was not found.`);
    checkAuth(state, request);
    await route(state, request, response, url, method);
  } catch (error) {
    // An early answer must not leave an unread body blocking the client.
    if (!request.readableEnded) request.resume();
    if (response.headersSent) {
      response.destroy(error as Error);
      return;
    }
    if (!(error instanceof ArkHttpError)) console.error('fake ark-seedance: unexpected error', error);
    const failure = error instanceof ArkHttpError ? error : internalError();
    sendJson(response, failure.status, failure.body(requestId), { ...failure.headers, 'x-request-id': requestId });
  }
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

/** Unauthenticated read-outs for tests in another process (e2e, docker compose). */
function serveAdmin(state: FakeState, response: ServerResponse, method: string, pathname: string): void {
  if (method === 'GET' && pathname === '/__fake/stats') return sendJson(response, 200, state.stats);
  if (method === 'GET' && pathname === '/__fake/last-create') {
    return sendJson(response, state.lastCreate ? 200 : 404, state.lastCreate ?? { error: 'no create yet' });
  }
  throw new ArkHttpError(404, 'NotFound', `The requested path ${pathname} was not found.`);
}
