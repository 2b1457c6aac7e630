import { createHmac } from 'node:crypto';
import type { WanFakeState, WanTask } from './fake-state';

/** DashScope keeps task ids (and the video links) for 24 h. */
export const TASK_TTL_MS = 24 * 60 * 60_000;
/** Per the Python SDK; the fake never reports SUSPENDED. */
export type WanTaskStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'UNKNOWN';

/** A task's state is a pure function of elapsed time, so no timers run inside the fake. */
export function taskStatus(task: WanTask, nowMs: number): WanTaskStatus {
  const elapsed = nowMs - task.createdAtMs;
  if (elapsed >= TASK_TTL_MS) return 'UNKNOWN';
  if (task.canceledAtMs !== undefined) return 'CANCELED';
  // The create answer (elapsed 0) is always PENDING, even with completeAfterMs 0.
  if (elapsed <= 0 || elapsed < task.pendingMs) return 'PENDING';
  if (task.failure && elapsed >= task.failure.atMs) return 'FAILED';
  return elapsed < task.durationMs ? 'RUNNING' : 'SUCCEEDED';
}

/** GET /api/v1/tasks/{id}: the `output` (and `usage` once SUCCEEDED) of providers.md §3. */
export function describeTask(state: WanFakeState, task: WanTask | undefined, taskId: string, nowMs: number) {
  const status = task ? taskStatus(task, nowMs) : 'UNKNOWN';
  if (!task || status === 'UNKNOWN') return { output: { task_id: taskId, task_status: 'UNKNOWN' } };
  const output: Record<string, unknown> = { task_id: task.id, task_status: status, submit_time: wanTime(task.createdAtMs) };
  if (status !== 'PENDING' && status !== 'CANCELED') output.scheduled_time = wanTime(task.createdAtMs + task.pendingMs);
  if (status === 'CANCELED') return { output: { ...output, end_time: wanTime(task.canceledAtMs!) } };
  if (status === 'FAILED') {
    const { atMs, code, message } = task.failure!;
    return { output: { ...output, end_time: wanTime(task.createdAtMs + atMs), code, message } };
  }
  if (status !== 'SUCCEEDED') return { output };
  const endMs = task.createdAtMs + task.durationMs;
  return {
    output: { ...output, end_time: wanTime(endMs), video_url: ossUrl(state, task.id, endMs), orig_prompt: task.prompt, actual_prompt: task.prompt },
    usage: {
      video_duration: task.videoSeconds,
      video_count: 1,
      SR: Number.parseInt(tierOf(task.size), 10),
      duration: task.videoSeconds,
      size: task.size,
      audio: task.audio,
    },
  };
}

/** An OSS-style link, public and signed in its query: `…/{task}.mp4?Expires=…&OSSAccessKeyId=…&Signature=…`. */
export function ossUrl(state: WanFakeState, taskId: string, endMs: number): string {
  const expires = Math.floor((endMs + TASK_TTL_MS) / 1000);
  const query = new URLSearchParams({ Expires: String(expires), OSSAccessKeyId: 'LTAI5tFakeWanOss', Signature: ossSignature(state, taskId, expires) });
  return `${state.origin}/_oss/dashscope-result/${taskId}.mp4?${query}`;
}

export function ossSignature(state: WanFakeState, taskId: string, expires: number): string {
  return createHmac('sha1', state.ossSecret).update(`GET\n${taskId}\n${expires}`).digest('base64');
}

/** `"YYYY-MM-DD HH:mm:ss.SSS"`. The examples carry no zone; the fake prints UTC+8 (the Beijing/Singapore offset). */
export function wanTime(ms: number): string {
  return new Date(ms + 8 * 60 * 60_000).toISOString().replace('T', ' ').replace('Z', '');
}

/** The tier of a `W*H` preset, by pixel count (1080P presets are ~2.07 MP, 720P ~0.92 MP). */
function tierOf(size: string): string {
  if (/P$/.test(size)) return size;
  const [width = 0, height = 0] = size.split('*').map(Number);
  const pixels = width * height;
  return pixels >= 1_900_000 ? '1080P' : pixels >= 900_000 ? '720P' : '480P';
}
