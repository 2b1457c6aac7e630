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

/** POST /api/v1/tasks/{id}/cancel: only a PENDING task can be cancelled. */
export function handleCancel(state: WanFakeState, response: ServerResponse, taskId: string): void {
  const task = state.tasks.get(taskId);
  const nowMs = state.now();
  if (!task || taskStatus(task, nowMs) !== 'PENDING') throw cancelRefused();
  task.canceledAtMs = nowMs;
  state.stats.cancels += 1;
  sendJson(response, 200, { request_id: randomUUID() });
}
