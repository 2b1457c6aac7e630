import { createHash, randomBytes } from 'node:crypto';
import type { CreateSpec } from './create-params';
import type { ScriptedTaskFailure } from './prompt-markers';
import { completionTokens } from './seedance-models';

export type TaskStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'expired' | 'cancelled';

export interface FakeTask {
  id: string;
  spec: CreateSpec;
  createdAtMs: number;
  /** Time from create to `succeeded`. */
  runMs: number;
  /** Time spent `queued` before `running`. */
  queuedMs: number;
  failure?: ScriptedTaskFailure;
  /** The seed actually used (a random one when the caller sent -1). */
  seed: number;
  cancelledAtMs?: number;
}

/** Share of a run spent queued: the first half for `[slow]`, else a fifth. */
export function queuedShare(slow: boolean): number {
  return slow ? 0.5 : 0.2;
}

/** `cgt-20250331175019-68d9t`: creation time (UTC here) and five lowercase letters or digits. */
export function newTaskId(nowMs: number, taken: (id: string) => boolean): string {
  const stamp = new Date(nowMs).toISOString().replace(/\D/g, '').slice(0, 14);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (;;) {
    const suffix = [...randomBytes(5)].map((byte) => alphabet[byte % alphabet.length]).join('');
    const id = `cgt-${stamp}-${suffix}`;
    if (!taken(id)) return id;
  }
}

/** A seed Ark would have drawn, stable per task id. */
export function drawnSeed(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % 100_000;
}

/** A task's state is a pure function of elapsed time: no timers run inside the fake. */
export function taskStatusAt(task: FakeTask, nowMs: number): { status: TaskStatus; sinceMs: number } {
  if (task.cancelledAtMs !== undefined) return { status: 'cancelled', sinceMs: task.cancelledAtMs };
  const elapsed = nowMs - task.createdAtMs;
  const expiresAfterMs = task.spec.executionExpiresAfter * 1000;
  if (elapsed >= expiresAfterMs && task.runMs > expiresAfterMs) return { status: 'expired', sinceMs: task.createdAtMs + expiresAfterMs };
  if (task.failure && elapsed >= task.failure.atFraction * task.runMs && elapsed > 0) {
    return { status: 'failed', sinceMs: task.createdAtMs + Math.round(task.failure.atFraction * task.runMs) };
  }
  if (elapsed >= task.runMs && elapsed > 0) return { status: 'succeeded', sinceMs: task.createdAtMs + task.runMs };
  if (elapsed >= task.queuedMs && elapsed > 0) return { status: 'running', sinceMs: task.createdAtMs + task.queuedMs };
  return { status: 'queued', sinceMs: task.createdAtMs };
}

export interface TaskUrls {
  video: string;
  lastFrame: string;
}

/** The task object of GET /contents/generations/tasks/{id} (providers.md §4, fixture issue-17883). */
export function describeTask(task: FakeTask, nowMs: number, urls: (task: FakeTask, signedAtMs: number) => TaskUrls) {
  const { spec } = task;
  const { status, sinceMs } = taskStatusAt(task, nowMs);
  // `adaptive` and `-1` are resolved by the model; the task reports what it rendered.
  const ratio = spec.ratio === 'adaptive' ? '16:9' : spec.ratio;
  const seconds = spec.frames !== undefined ? Math.round(spec.frames / 24) : spec.duration === -1 || spec.duration === undefined ? 5 : spec.duration;
  const succeeded = status === 'succeeded';
  const links = succeeded ? urls(task, sinceMs) : undefined;
  const tokens = completionTokens(spec.resolution, ratio, seconds);
  return {
    id: task.id,
    model: spec.model.id,
    status,
    error: status === 'failed' && task.failure ? { code: task.failure.code, message: task.failure.message } : null,
    created_at: Math.floor(task.createdAtMs / 1000),
    updated_at: Math.floor(sinceMs / 1000),
    ...(links ? { content: { video_url: links.video, ...(spec.returnLastFrame ? { last_frame_url: links.lastFrame } : {}) } } : {}),
    seed: task.seed,
    resolution: spec.resolution,
    ratio,
    ...(spec.frames !== undefined ? { frames: spec.frames } : { duration: seconds }),
    framespersecond: 24,
    ...(spec.generateAudio !== undefined ? { generate_audio: spec.generateAudio } : {}),
    ...(spec.draft !== undefined ? { draft: spec.draft } : {}),
    ...(spec.draftTaskId !== undefined ? { draft_task_id: spec.draftTaskId } : {}),
    service_tier: spec.serviceTier,
    execution_expires_after: spec.executionExpiresAfter,
    priority: 0,
    output_format: 'mp4',
    ...(succeeded ? { usage: { completion_tokens: tokens, total_tokens: tokens } } : {}),
  };
}

export type ArkTaskObject = ReturnType<typeof describeTask>;
