/**
 * A fake of the OpenAI Videos API (providers.md §1) on node:http: JSON and multipart
 * creates, time-driven job states, list/delete/remix, authenticated MP4 download, and the
 * prompt markers of ./prompt-markers.ts for scripted failures, 429s and slow jobs, and
 * optional provider limits (rpm, in-flight) that count every violation (./create-limits.ts).
 */
import { listen } from '../shared/listen';
import { copyStats, emptyStats, type FakeState, type FakeStats, type RecordedCreate } from './fake-state';
import { MIN_VIDEO_BYTES } from './prompt-markers';
import { handleRequest } from './router';
import { videoBuffer } from './video-bytes';

export type { FakeStats, RecordedCreate } from './fake-state';
export type { InputReference } from './create-params';
export type { UploadedFile } from './request-body';
export type { VideoObject, VideoStatus } from './video-jobs';

export interface FakeOpenAIVideosOptions {
  /** The only accepted Bearer key. */
  apiKey: string;
  /** Default 0: a random free port. */
  port?: number;
  /** Default `127.0.0.1`; docker compose binds `0.0.0.0`. */
  host?: string;
  /** Time from create to `completed`. Default 1500. */
  completeAfterMs?: number;
  /** When set, every GET /v1/videos/{id} answers with `openai-poll-after-ms: <n>`. Default unset. */
  pollAfterMs?: number;
  /** Size of the generated MP4 (the `[bytes=N]` marker overrides it per job). Default 65536. */
  videoBytes?: number;
  /** Clock in ms; injected so tests can script job progress. Default `Date.now`. */
  now?: () => number;
  /**
   * Creates accepted per sliding 60 s window, counted at the fake's clock when the create
   * arrives. One more is answered 429 `rate_limit_exceeded` with Retry-After, makes no job
   * and counts in `stats().violations.rpm`. Default unset (no limit).
   */
  rpmLimit?: number;
  /**
   * Jobs created and not yet completed or failed at the fake's clock. A create beyond it is
   * answered 429 with Retry-After, makes no job and counts in `stats().violations.inFlight`.
   * Default unset (no limit).
   */
  maxInFlight?: number;
}

export interface FakeOpenAIVideos {
  /** e.g. `http://127.0.0.1:41234/v1`. */
  baseUrl: string;
  /** A snapshot; also served unauthenticated at GET /__fake/stats for other processes. */
  stats(): FakeStats;
  /**
   * While set, every create (and remix) answers this status (500 → `server_error`, 429 →
   * `rate_limit_exceeded`) without making a job; `null` restores normal service.
   */
  setCreateFailure(status: number | null): void;
  /** Every status call (GET /v1/videos/{id}) answers this much later, as a slow vendor does; 0 restores. */
  setStatusDelay(ms: number): void;
  /** Every create makes its job at once but answers this much later (a worker can die in between); 0 restores. */
  setCreateDelay(ms: number): void;
  /** The last authenticated POST /v1/videos as it arrived, whatever its outcome. */
  lastCreate(): RecordedCreate | undefined;
  /** The exact bytes /content returns for that id. */
  expectedVideo(id: string): Buffer;
  close(): Promise<void>;
}

export async function startFakeOpenAIVideos(options: FakeOpenAIVideosOptions): Promise<FakeOpenAIVideos> {
  const state: FakeState = {
    apiKey: options.apiKey,
    completeAfterMs: options.completeAfterMs ?? 1500,
    videoBytes: Math.max(MIN_VIDEO_BYTES, options.videoBytes ?? 65_536),
    now: options.now ?? Date.now,
    jobs: new Map(),
    stats: emptyStats(),
    limits: {},
    createFailure: null,
    statusDelayMs: 0,
    createDelayMs: 0,
  };
  if (options.rpmLimit !== undefined) state.limits.rpmLimit = options.rpmLimit;
  if (options.maxInFlight !== undefined) state.limits.maxInFlight = options.maxInFlight;
  if (options.pollAfterMs !== undefined) state.pollAfterMs = options.pollAfterMs;

  const server = await listen((request, response) => void handleRequest(state, request, response), options);

  return {
    baseUrl: `${server.origin}/v1`,
    stats: () => copyStats(state.stats),
    setCreateFailure(status) {
      if (status !== null && (!Number.isInteger(status) || status < 400 || status > 599)) {
        throw new Error(`setCreateFailure takes an HTTP error status (400-599) or null, not ${status}`);
      }
      state.createFailure = status;
    },
    setStatusDelay(ms) {
      state.statusDelayMs = Math.max(0, ms);
    },
    setCreateDelay(ms) {
      state.createDelayMs = Math.max(0, ms);
    },
    lastCreate: () => state.lastCreate,
    expectedVideo(id) {
      const job = state.jobs.get(id);
      if (!job) throw new Error(`fake openai-videos has no video ${id}`);
      return videoBuffer(id, job.videoBytes);
    },
    close: server.close,
  };
}
