import type { VideoFakeStats } from '../video-fake';
import type { FakeSeedanceModel, ArkFlavour } from './seedance-models';
import type { FakeTask } from './tasks';
import type { TosSigner } from './tos';

/** The last authenticated create as it arrived, whatever its outcome. */
export interface RecordedCreate {
  model?: string;
  /** The text item as sent. */
  prompt?: string;
  /** The first-frame image_url.url as sent. */
  image?: string;
  body: unknown;
  /** HTTP status the create answered with. */
  status: number;
  taskId?: string;
}

export interface FakeState {
  flavour: ArkFlavour;
  apiKey: string;
  completeAfterMs: number;
  videoBytes: number;
  models: FakeSeedanceModel[];
  now: () => number;
  /** Insertion order is creation order. */
  tasks: Map<string, FakeTask>;
  /** Video sizes outlive task records, which DELETE removes. */
  videoSizes: Map<string, number>;
  tos: TosSigner;
  stats: VideoFakeStats;
  lastCreate?: RecordedCreate;
}

export function emptyStats(): VideoFakeStats {
  return { creates: 0, polls: 0, downloads: 0, cancels: 0, rateLimited: 0, rejectedAuth: 0 };
}
