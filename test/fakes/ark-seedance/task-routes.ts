import type { IncomingMessage, ServerResponse } from 'node:http';
import { ArkHttpError, invalidParameter, taskNotFound } from './ark-error';
import type { FakeState } from './fake-state';
import { sendJson } from './http-response';
import { describeTask, taskStatusAt, type FakeTask, type TaskUrls } from './tasks';
import { presignTosUrl } from './tos';

/** GET /api/v3/contents/generations/tasks/{id} */
export function handleGetTask(state: FakeState, request: IncomingMessage, response: ServerResponse, id: string): void {
  state.stats.polls += 1;
  sendJson(response, 200, describeTask(findTask(state, id), state.now(), taskUrls(state, request)));
}

/**
 * GET /api/v3/contents/generations/tasks?page_num&page_size&filter.status&filter.task_ids&filter.model&filter.service_tier
 * → `{items, total}`, newest first.
 */
export function handleListTasks(state: FakeState, request: IncomingMessage, response: ServerResponse, query: URLSearchParams): void {
  const pageNum = pageParam(query, 'page_num', 1);
  const pageSize = pageParam(query, 'page_size', 10);
  const nowMs = state.now();
  const status = query.get('filter.status');
  const ids = query.getAll('filter.task_ids');
  const model = query.get('filter.model');
  const tier = query.get('filter.service_tier');
  const matching = [...state.tasks.values()].reverse().filter(
    (task) =>
      (!status || taskStatusAt(task, nowMs).status === status) &&
      (ids.length === 0 || ids.includes(task.id)) &&
      (!model || task.spec.model.id === model) &&
      (!tier || task.spec.serviceTier === tier),
  );
  const urls = taskUrls(state, request);
  const items = matching.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((task) => describeTask(task, nowMs, urls));
  sendJson(response, 200, { items, total: matching.length });
}

/**
 * DELETE /api/v3/contents/generations/tasks/{id}: cancels a queued task (it stays, as
 * `cancelled`), deletes the record of a finished one, and refuses a running or cancelled
 * one. Success answers `{}` (the Volcengine docs' example). The refusal's code is not
 * documented [U]; the fake answers 400 InvalidParameter naming the state.
 */
export function handleDeleteTask(state: FakeState, response: ServerResponse, id: string): void {
  const task = findTask(state, id);
  const nowMs = state.now();
  const { status } = taskStatusAt(task, nowMs);
  if (status === 'queued') {
    task.cancelledAtMs = nowMs;
    state.stats.cancels += 1;
  } else if (status === 'running' || status === 'cancelled') {
    throw new ArkHttpError(400, 'InvalidParameter', `The task ${id} is ${status} and cannot be cancelled or deleted; only queued tasks can be cancelled.`, 'id');
  } else {
    state.tasks.delete(id);
  }
  sendJson(response, 200, {});
}

function findTask(state: FakeState, id: string): FakeTask {
  const task = state.tasks.get(id);
  if (!task) throw taskNotFound(id);
  return task;
}

function pageParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 500) throw invalidParameter(name, `it must be an integer within [1, 500], got ${raw}`);
  return value;
}

/** Result URLs point at this server as the client reached it (a compose service name, 127.0.0.1, …). */
function taskUrls(state: FakeState, request: IncomingMessage) {
  const origin = `http://${request.headers.host ?? '127.0.0.1'}`;
  return (task: FakeTask, signedAtMs: number): TaskUrls => ({
    video: presignTosUrl(origin, `${task.id}.mp4`, state.tos, signedAtMs),
    lastFrame: presignTosUrl(origin, `${task.id}_last_frame.png`, state.tos, signedAtMs),
  });
}
