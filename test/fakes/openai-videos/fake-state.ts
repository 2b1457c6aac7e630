import type { CreateLimits } from './create-limits';
import type { InputReference } from './create-params';
import type { UploadedFile } from './request-body';
import type { FakeVideoJob } from './video-jobs';

export interface FakeStats {
  /** Jobs created (POST /v1/videos and remixes that answered 200). */
  creates: number;
  /** Authenticated GET /v1/videos/{id} calls, including unknown ids. */
  retrieves: number;
  /** Content downloads that answered 200. */
  contentDownloads: number;
  /** Requests answered 401. */
  rejectedAuth: number;
  /** Creates answered 429 by the `[429]` marker or setCreateFailure(429); these made no job. Limit violations are not counted here. */
  rateLimited: number;
  /** Creates answered 500 by the `[500]` marker or setCreateFailure(500); these made no job. */
  serverErrors: number;
  /** Creates refused by setCreateFailure, whatever the status. */
  createFailures: number;
  /** Creates refused with 429 because they broke `rpmLimit` or `maxInFlight`; a correct client causes none. */
  violations: { rpm: number; inFlight: number };
  /** Fake-clock ms of every create that made a job, in arrival order (for the share of the allowed rate used). */
  createTimes: number[];
}

/** What the last authenticated POST /v1/videos looked like on the wire, whatever its outcome. */
export interface RecordedCreate {
  /** The content-type header as sent, e.g. `multipart/form-data; boundary=...`. */
  contentType: string;
  encoding: 'json' | 'multipart';
  /** JSON values as sent; multipart values as flat strings (`input_reference[image_url]`). */
  fields: Record<string, unknown>;
  files: UploadedFile[];
  /** The input reference after decoding either encoding; absent when none was sent or the body was invalid. */
  inputReference?: InputReference;
  /** HTTP status the create answered with. */
  status: number;
  /** Id of the job it made, when it made one. */
  videoId?: string;
}

export interface FakeState {
  apiKey: string;
  completeAfterMs: number;
  pollAfterMs?: number;
  videoBytes: number;
  now: () => number;
  /** Insertion order is creation order, which list pagination relies on. */
  jobs: Map<string, FakeVideoJob>;
  stats: FakeStats;
  lastCreate?: RecordedCreate;
  limits: CreateLimits;
  /** When set, every create answers this status and makes no job (setCreateFailure). */
  createFailure: number | null;
  /** How long each status call (GET /v1/videos/{id}) waits before it answers (setStatusDelay). */
  statusDelayMs: number;
  /** How long a create that made its job waits before it answers (setCreateDelay). */
  createDelayMs: number;
}

export function emptyStats(): FakeStats {
  return {
    creates: 0,
    retrieves: 0,
    contentDownloads: 0,
    rejectedAuth: 0,
    rateLimited: 0,
    serverErrors: 0,
    createFailures: 0,
    violations: { rpm: 0, inFlight: 0 },
    createTimes: [],
  };
}

/** A copy the caller may keep: later creates do not change it. */
export function copyStats(stats: FakeStats): FakeStats {
  return { ...stats, violations: { ...stats.violations }, createTimes: [...stats.createTimes] };
}
