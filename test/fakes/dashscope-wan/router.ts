import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveAdmin, serveRequest } from '../shared/serve-request';
import { handleCreate } from './create-route';
import { DashScopeHttpError, internalError, invalidApiKey, invalidUrl } from './dashscope-error';
import type { WanFakeState } from './fake-state';
import { sendJson } from './http-io';
import { handleOssDownload } from './oss-route';
import { handleCancel, handleGetTask, handleListTasks } from './task-routes';

const CREATE_PATH = '/api/v1/services/aigc/video-generation/video-synthesis';

/** `/_oss/…` is the public result store; everything under `/api/v1` needs the Bearer key first. */
export async function handleRequest(state: WanFakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  await serveRequest(request, response, {
    async route(url) {
      if (url.pathname.startsWith('/_oss/')) return await handleOssDownload(state, request, response, url);
      if (url.pathname.startsWith('/__fake/')) return serveAdmin(state, request, response, url.pathname, sendJson, () => invalidUrl(request.method ?? 'GET', url.pathname));
      checkAuth(state, request);
      await route(state, request, response, url);
    },
    answerError(error) {
      if (!(error instanceof DashScopeHttpError)) console.error('fake dashscope-wan: unexpected error', error);
      const failure = error instanceof DashScopeHttpError ? error : internalError();
      sendJson(response, failure.status, failure.body(), failure.headers);
    },
  });
}

function checkAuth(state: WanFakeState, request: IncomingMessage): void {
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  if (presented === state.apiKey) return;
  state.stats.rejectedAuth += 1;
  throw invalidApiKey();
}

async function route(state: WanFakeState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const method = request.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '');
  if (path === CREATE_PATH && method === 'POST') return handleCreate(state, request, response);
  if (path === '/api/v1/tasks' && method === 'GET') return handleListTasks(state, response, url);
  const task = /^\/api\/v1\/tasks\/([^/]+)(\/cancel)?$/.exec(path);
  if (task?.[1]) {
    const taskId = decodeURIComponent(task[1]);
    if (!task[2] && method === 'GET') return handleGetTask(state, response, taskId);
    if (task[2] && method === 'POST') return handleCancel(state, response, taskId);
  }
  throw invalidUrl(method, url.pathname);
}
