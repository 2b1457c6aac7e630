import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { cancelRefused } from './dashscope-error';
import type { WanFakeState } from './fake-state';
import { sendJson } from './http-io';
import { describeTask, taskStatus } from './task-view';

/** GET /api/v1/tasks/{id}: HTTP 200 whatever the state, even for an unknown id (UNKNOWN). */
export function handleGetTask(state: WanFakeState, response: ServerResponse, taskId: string): void {
  state.stats.polls += 1;
  sendJson(response, 200, { request_id: randomUUID(), ...describeTask(state, state.tasks.get(taskId), taskId, state.now()) });
}

/**
 * GET /api/v1/tasks: the batch task query, in the shape the DashScope SDKs read (times in
 * epoch ms), filtered by `model_name` and `status`, newest first, `page_no` from 1.
 */
export function handleListTasks(state: WanFakeState, response: ServerResponse, url: URL): void {
  const pageNo = Math.max(1, Number(url.searchParams.get('page_no') ?? 1) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('page_size') ?? 10) || 10));
  const model = url.searchParams.get('model_name');
  const status = url.searchParams.get('status');
  const nowMs = state.now();
  const rows = [...state.tasks.values()]
    .filter((task) => (!model || task.model === model) && (!status || taskStatus(task, nowMs) === status))
    .sort((a, b) => b.createdAtMs - a.createdAtMs);
  const data = rows.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((task) => ({
    task_id: task.id,
    model_name: task.model,
    status: taskStatus(task, nowMs),
    gmt_create: task.createdAtMs,
    start_time: task.createdAtMs + task.pendingMs,
    region: 'cn-beijing',
    request_id: randomUUID(),
  }));
  sendJson(response, 200, { request_id: randomUUID(), data, total: rows.length, total_page: Math.ceil(rows.length / pageSize), page_no: pageNo, page_size: pageSize });
}

/** POST /api/v1/tasks/{id}/cancel: only a PENDING task can be cancelled. */
export function handleCancel(state: WanFakeState, response: ServerResponse, taskId: string): void {
  const task = state.tasks.get(taskId);
  const nowMs = state.now();
  if (!task || taskStatus(task, nowMs) !== 'PENDING') throw cancelRefused();
  task.canceledAtMs = nowMs;
  state.stats.cancels += 1;
  sendJson(response, 200, { request_id: randomUUID() });
}
