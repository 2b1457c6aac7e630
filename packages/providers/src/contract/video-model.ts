import type { UpstreamFetch } from '../http/upstream-fetch';
import type { UpstreamErrorCode } from './upstream-error-code';
/**
 * The contract every video provider adapter implements. Adapters know nothing of
 * queues, job records or S3: they map our request to the vendor, report status and
 * hand back the finished video as a stream.
 */

/** Our provider-neutral request. Each adapter maps it to its vendor's names. */
export interface VideoGenerationRequest {
  prompt: string;
  /** Clip length in seconds. */
  seconds?: number;
  /** Pixel size written `WIDTHxHEIGHT`, e.g. `1280x720`. Alternative to aspectRatio + resolution. */
  size?: string;
  /** e.g. `16:9`. */
  aspectRatio?: string;
  /** e.g. `720p`. */
  resolution?: string;
  negativePrompt?: string;
  seed?: number;
  /** Image-to-video: an https URL or a `data:image/...;base64,` URL. */
  image?: string;
  generateAudio?: boolean;
  /** Passed through under the vendor's own names. */
  providerOptions?: Record<string, unknown>;
}

export interface RequestProblem {
  /** Our field name, e.g. `seconds`. */
  param: string;
  message: string;
}

/** Result of the pure, network-free check run before anything is paid for. */
export interface RequestCheck {
  /** Values the model cannot take: the API answers 400 with these. */
  errors: RequestProblem[];
  /** Options the vendor ignores: recorded on the job, never silently dropped. */
  warnings: string[];
}

export interface SubmitResult {
  /** The vendor's task / operation id. Persisted before anything else happens. */
  upstreamId: string;
  warnings: string[];
}

export type PollResult =
  | { status: 'queued' | 'in_progress'; progress?: number; pollAfterMs?: number }
  /** `resultExpiresAt`: epoch ms when the vendor's copy goes, where the vendor says (OpenAI's `expires_at`). */
  | { status: 'completed'; resultRef: string; resultExpiresAt?: number }
  | { status: 'failed'; error: { code: UpstreamErrorCode; message: string } };

/**
 * What a search for a lost create found (see `VideoModel.findCreatedTask`): every vendor task
 * that fits what reelay sent. The worker leaves out tasks other jobs already own and adopts
 * the one left; with several left it adopts none, since either could be another job's video.
 */
export interface TaskSearch {
  upstreamIds: string[];
  /** What was looked through, for the job's error message. */
  searched: string;
}

export interface LostCreate {
  request: VideoGenerationRequest;
  /** The create was sent no earlier than this (epoch ms)… */
  sentAfterMs: number;
  /** …and reached the vendor no later than this. */
  sentBeforeMs: number;
}

export interface VideoResultStream {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  contentLength?: number;
}

/** How often to ask for status. Every value is settable per deployment. */
export interface PollSchedule {
  /** First status call after submit; near the vendor's typical completion time. */
  initialDelayMs: number;
  /** Gap between status calls at the start; the gap grows from here. */
  minDelayMs: number;
  /** Largest gap between two status calls. */
  maxDelayMs: number;
  /** Share of the time since submit added to the gap (0.1: a job 5 min in is polled every minDelay + 30 s). */
  elapsedFraction: number;
  /** Give up (job becomes `expired`) this long after submit. */
  timeoutMs: number;
}

export interface VideoModel {
  readonly provider: string;
  /** The vendor's model id, e.g. `sora-2`. */
  readonly modelId: string;
  readonly pollSchedule: PollSchedule;
  /**
   * How long the vendor keeps a finished video downloadable (its documented lifetime), unless a
   * completed PollResult says when exactly: the store step keeps trying that long.
   */
  readonly resultLifetimeMs: number;
  /** Pure validation: no network, no cost. */
  checkRequest(request: VideoGenerationRequest): RequestCheck;
  /** The paid call. Never retried by the adapter itself. */
  submit(request: VideoGenerationRequest): Promise<SubmitResult>;
  poll(upstreamId: string): Promise<PollResult>;
  /**
   * Present where the vendor can list recent tasks: finds the task of a create whose answer
   * reelay never saw (the worker died during the call), matched on what reelay sent, so the
   * paid video is adopted instead of abandoned. Never creates anything.
   */
  findCreatedTask?(lost: LostCreate): Promise<TaskSearch>;
  /** Present only where the vendor can cancel a task. */
  cancel?(upstreamId: string): Promise<void>;
  /** Opens the finished video. `resultRef` comes from the completed PollResult. */
  openResult(upstreamId: string, resultRef: string): Promise<VideoResultStream>;
}

export interface VideoModelSettings {
  /** The vendor model id (after the `provider/` prefix). */
  model: string;
  apiBase?: string;
  apiKey?: string;
  /** Name of the env var the key came from, so auth errors can say which one to fix. */
  apiKeyEnv?: string;
  /** Overrides of the adapter's default poll schedule. */
  pollSchedule?: Partial<PollSchedule>;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: UpstreamFetch;
  /**
   * For URLs that come from clients (an input image an adapter must download). The worker
   * passes an egress-guarded fetch here, so a client cannot make reelay call its private
   * network; the operator's own api_base keeps using `fetch`. Defaults to `fetch`.
   */
  fetchUserContent?: UpstreamFetch;
}

export type VideoModelFactory = (settings: VideoModelSettings) => VideoModel;

/** What the catalog holds per vendor: how to build its adapter, and the adapter's pure check. */
export interface VideoAdapter {
  create: VideoModelFactory;
  /** `VideoModel.checkRequest` without building a model: no network, no key, no cost. */
  checkRequest(modelId: string, request: VideoGenerationRequest): RequestCheck;
}
