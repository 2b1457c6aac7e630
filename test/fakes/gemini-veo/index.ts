/**
 * A fake of Veo on the Gemini API (providers.md §2) on node:http: `:predictLongRunning`,
 * time-driven operations, the key-protected file download that redirects to a signed blob,
 * Google's error bodies (400 API_KEY_INVALID, 403 PERMISSION_DENIED, 429 RESOURCE_EXHAUSTED),
 * and the shared prompt markers of ../video-fake.ts. Checked against @google/genai 2.32.0.
 */
import { randomBytes } from 'node:crypto';
import { listen } from '../shared/listen';
import type { VideoFake, VideoFakeOptions } from '../video-fake';
import { emptyStats, type FakeState, type RecordedCreate } from './fake-state';
import { VEO_MODELS } from './predict-params';
import { MIN_VIDEO_BYTES } from './prompt-markers';
import { handleRequest } from './router';
import { videoBuffer } from './video-bytes';

export type { FakeStats, RecordedCreate, VeoOperation } from './fake-state';

export interface GeminiVeoFakeOptions extends VideoFakeOptions {
  /** Size of the generated MP4 (the `[bytes=N]` marker overrides it per operation). Default 65536. */
  videoBytes?: number;
  /** Clock in ms; injected so tests can script operation progress. Default `Date.now`. */
  now?: () => number;
}

export interface GeminiVeoFake extends VideoFake {
  /** The last authenticated create exactly as recorded, with its status and operation name. */
  recordedCreate(): RecordedCreate | undefined;
}

export async function startGeminiVeoFake(options: GeminiVeoFakeOptions): Promise<GeminiVeoFake> {
  const state: FakeState = {
    apiKey: options.apiKey,
    completeAfterMs: options.completeAfterMs ?? 1500,
    videoBytes: Math.max(MIN_VIDEO_BYTES, options.videoBytes ?? 65_536),
    now: options.now ?? Date.now,
    origin: '',
    blobSecret: randomBytes(32),
    operations: new Map(),
    files: new Map(),
    stats: emptyStats(),
  };

  const server = await listen((request, response) => void handleRequest(state, request, response), options);
  state.origin = server.publicOrigin;

  return {
    provider: 'gemini',
    apiBase: state.origin,
    apiKey: options.apiKey,
    models: Object.keys(VEO_MODELS),
    stats: () => ({ ...state.stats, cancels: 0 }),
    lastCreate() {
      const last = state.lastCreate;
      if (!last) return undefined;
      return { model: last.model, prompt: last.prompt, image: last.image, body: last.body };
    },
    recordedCreate: () => state.lastCreate,
    expectedVideo(upstreamId) {
      const operation = state.operations.get(upstreamId);
      if (!operation) throw new Error(`fake gemini-veo has no operation ${upstreamId}`);
      return videoBuffer(operation.fileId, operation.videoBytes);
    },
    close: server.close,
  };
}
