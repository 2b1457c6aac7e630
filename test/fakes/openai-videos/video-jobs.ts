import { randomBytes } from 'node:crypto';
import { invalidRequest } from './openai-error';
import type { ScriptedFailure } from './prompt-markers';

const DAY_SECONDS = 24 * 60 * 60;
/** Share of the run a job spends `queued` before it reports `in_progress`. */
const QUEUED_FRACTION = 0.1;

export interface FakeVideoJob {
  id: string;
  model: string;
  prompt: string;
  seconds: string;
  size: string;
  createdAtMs: number;
  /** Time from create to `completed`. */
  durationMs: number;
  failure?: ScriptedFailure;
  videoBytes: number;
  remixedFromVideoId: string | null;
}

export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

/** The Video object of providers.md §1, as create, retrieve, list and remix return it. */
export interface VideoObject {
  id: string;
  object: 'video';
  status: VideoStatus;
  progress: number;
  model: string;
  prompt: string | null;
  seconds: string;
  size: string;
  created_at: number;
  completed_at: number | null;
  expires_at: number | null;
  remixed_from_video_id: string | null;
  error: { code: string; message: string } | null;
}

export interface VideoListPage {
  object: 'list';
  data: VideoObject[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export function newVideoId(): string {
  return `video_${randomBytes(24).toString('hex')}`;
}

/** A job's state is a pure function of elapsed time, so no timers run inside the fake. */
export function describeVideo(job: FakeVideoJob, nowMs: number): VideoObject {
  const elapsed = nowMs - job.createdAtMs;
  const base: VideoObject = {
    id: job.id,
    object: 'video',
    status: 'queued',
    progress: 0,
    model: job.model,
    prompt: job.prompt,
    seconds: job.seconds,
    size: job.size,
    created_at: Math.floor(job.createdAtMs / 1000),
    completed_at: null,
    expires_at: null,
    remixed_from_video_id: job.remixedFromVideoId,
    error: null,
  };
  // The create answer (elapsed 0) is always `queued`, even with completeAfterMs 0.
  if (elapsed <= 0) return base;
  if (job.failure && elapsed >= job.failure.atFraction * job.durationMs) {
    const { code, message } = job.failure;
    return { ...base, status: 'failed', progress: job.failure.progress, error: { code, message } };
  }
  if (elapsed >= job.durationMs) {
    const completedAt = Math.floor((job.createdAtMs + job.durationMs) / 1000);
    return { ...base, status: 'completed', progress: 100, completed_at: completedAt, expires_at: completedAt + DAY_SECONDS };
  }
  if (elapsed < QUEUED_FRACTION * job.durationMs) return base;
  const progress = Math.min(99, Math.max(1, Math.floor((elapsed / job.durationMs) * 100)));
  return { ...base, status: 'in_progress', progress };
}

/** When a job still running at `nowMs` ends (completed or failed); undefined once it has ended. */
export function runningUntil(job: FakeVideoJob, nowMs: number): number | undefined {
  const endMs = job.createdAtMs + (job.failure ? job.failure.atFraction : 1) * job.durationMs;
  // describeVideo reports `queued` at elapsed 0 whatever the duration, so the job runs until then at least.
  return nowMs <= job.createdAtMs || nowMs < endMs ? Math.max(endMs, job.createdAtMs) : undefined;
}

export interface ListQuery {
  after?: string | null;
  limit?: string | null;
  order?: string | null;
}

/** Cursor pagination over jobs in creation order; `order` defaults to `desc` (newest first). */
export function listVideos(jobs: FakeVideoJob[], query: ListQuery, nowMs: number): VideoListPage {
  const order = query.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    throw invalidRequest(`Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`, 'order');
  }
  const limit = query.limit == null ? 20 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw invalidRequest(`Invalid 'limit': expected an integer between 1 and 100, got '${query.limit}'.`, 'limit');
  }
  const ordered = order === 'asc' ? jobs : [...jobs].reverse();
  let start = 0;
  if (query.after) {
    const index = ordered.findIndex((job) => job.id === query.after);
    if (index < 0) throw invalidRequest(`No video found with id '${query.after}' to list after.`, 'after');
    start = index + 1;
  }
  const data = ordered.slice(start, start + limit).map((job) => describeVideo(job, nowMs));
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: start + limit < ordered.length,
  };
}
