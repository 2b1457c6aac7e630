/**
 * What every fake video upstream offers the tests, whatever its vendor protocol.
 * All fakes understand the same prompt markers:
 * - `[fail]`        the task ends in the vendor's failure state;
 * - `[moderation]`  the vendor's content-policy outcome (Veo RAI filter, DataInspectionFailed, …);
 * - `[429]`         the create answers the vendor's 429 body (with Retry-After: 2); no task is made;
 * - `[slow]`        the task takes 5 × completeAfterMs (and stays queued/pending for the first half);
 * - `[bytes=N]`     the video is N bytes.
 */
export interface VideoFakeStats {
  /** Creates that made a task. */
  creates: number;
  /** Status calls (authenticated). */
  polls: number;
  /** Successful result downloads. */
  downloads: number;
  /** Successful upstream cancels. */
  cancels: number;
  /** Creates answered 429. */
  rateLimited: number;
  /** Requests answered with the vendor's auth error. */
  rejectedAuth: number;
}

/** The last create as the vendor received it, normalised for assertions. */
export interface ReceivedCreate {
  model?: string;
  prompt?: string;
  /** The input image as received: a URL as is, inline base64 rebuilt as `data:<mime>;base64,<b64>`. */
  image?: string;
  /** The raw parsed body. */
  body: unknown;
}

export interface VideoFake {
  /** The provider prefix this fake stands in for (`openai`, `gemini`, `dashscope`, `volcengine`, `byteplus`). */
  provider: string;
  /** What a user writes as `api_base` to reach this fake. */
  apiBase: string;
  apiKey: string;
  /** Vendor model ids the fake accepts; the first is the contract suite's default. */
  models: string[];
  /** A model that takes an input image, when the default one is text-to-video only. */
  imageModel?: string;
  stats(): VideoFakeStats;
  lastCreate(): ReceivedCreate | undefined;
  /** The exact bytes the fake serves for the task with this upstream id (as the adapter reports it). */
  expectedVideo(upstreamId: string): Buffer;
  close(): Promise<void>;
}

export interface VideoFakeOptions {
  apiKey: string;
  /** Time from create to success. Default 1500 ms. */
  completeAfterMs?: number;
  /** Default 0 (random). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Host name clients use to reach the fake (compose: the service name `fakes`); used in result URLs. Default: the bind host. */
  publicHost?: string;
}

export type VideoFakeStarter = (options: VideoFakeOptions) => Promise<VideoFake>;
