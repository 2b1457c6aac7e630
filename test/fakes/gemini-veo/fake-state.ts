import type { ScriptedOutcome } from './prompt-markers';

export interface FakeStats {
  /** Creates that made an operation. */
  creates: number;
  /** Authenticated operation GETs, including unknown names. */
  polls: number;
  /** Blob downloads that answered 200. */
  downloads: number;
  /** Creates answered 429 by the `[429]` marker; these made no operation. */
  rateLimited: number;
  /** Requests answered 400 API_KEY_INVALID or 403 PERMISSION_DENIED. */
  rejectedAuth: number;
}

/** One `predictLongRunning` operation; its state is a pure function of elapsed time. */
export interface VeoOperation {
  /** `models/{model}/operations/{id}`. */
  name: string;
  model: string;
  prompt?: string;
  /** The Files API id of its video, served once done. */
  fileId: string;
  createdAtMs: number;
  /** Time from create to done. */
  durationMs: number;
  outcome?: ScriptedOutcome;
  videoBytes: number;
}

/** The last authenticated create as it arrived, whatever its outcome. */
export interface RecordedCreate {
  model: string;
  prompt?: string;
  /** The inline image rebuilt as `data:<mime>;base64,<b64>`, whichever encoding carried it. */
  image?: string;
  /** The raw parsed body. */
  body: unknown;
  /** HTTP status the create answered with. */
  status: number;
  /** Name of the operation it made, when it made one. */
  operationName?: string;
}

export interface FakeState {
  apiKey: string;
  completeAfterMs: number;
  videoBytes: number;
  now: () => number;
  /** `http://host:port`, known once listening; video URIs point here. */
  origin: string;
  /** Signs blob URLs, like the signed storage URLs the real download redirects to. */
  blobSecret: Buffer;
  operations: Map<string, VeoOperation>;
  /** fileId → operation. */
  files: Map<string, VeoOperation>;
  stats: FakeStats;
  lastCreate?: RecordedCreate;
}

export function emptyStats(): FakeStats {
  return { creates: 0, polls: 0, downloads: 0, rateLimited: 0, rejectedAuth: 0 };
}
