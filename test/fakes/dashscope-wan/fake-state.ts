import type { ReceivedCreate, VideoFakeStats } from '../video-fake';

export interface ScriptedFailure {
  /** Elapsed ms after create at which the task turns FAILED. */
  atMs: number;
  code: string;
  message: string;
}

export interface WanTask {
  id: string;
  model: string;
  prompt: string;
  createdAtMs: number;
  /** PENDING until this many ms after create, then RUNNING. */
  pendingMs: number;
  /** SUCCEEDED this many ms after create. */
  durationMs: number;
  /** Seconds of video, as requested or the model default. */
  videoSeconds: number;
  /** `W*H` (text-to-video) or the tier (image-to-video), for `usage`. */
  size: string;
  audio: boolean;
  videoBytes: number;
  failure?: ScriptedFailure;
  canceledAtMs?: number;
}

export interface WanFakeState {
  apiKey: string;
  /** Where the fake listens; the OSS links point back here. */
  origin: string;
  completeAfterMs: number;
  videoBytes: number;
  now: () => number;
  /** Key of the fake OSS link signatures. */
  ossSecret: Buffer;
  tasks: Map<string, WanTask>;
  stats: VideoFakeStats;
  lastCreate?: ReceivedCreate;
}

export function emptyStats(): VideoFakeStats {
  return { creates: 0, polls: 0, downloads: 0, cancels: 0, rateLimited: 0, rejectedAuth: 0 };
}
