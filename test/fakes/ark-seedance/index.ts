/**
 * A fake of ByteDance Seedance on Volcengine Ark (CN) or BytePlus ModelArk (intl),
 * providers.md §4, on node:http: body-parameter creates validated like Ark's, time-driven
 * task states (queued → running → succeeded), cancel of queued tasks, the task list, public
 * TOS-style pre-signed result URLs, and the shared prompt markers (./prompt-markers.ts).
 */
import { randomBytes } from 'node:crypto';
import { listen } from '../shared/listen';
import type { VideoFake, VideoFakeOptions } from '../video-fake';
import { emptyStats, type FakeState } from './fake-state';
import { handleRequest } from './router';
import { seedanceModelsFor, type ArkFlavour } from './seedance-models';
import { seedanceVideoBuffer } from './video-bytes';

export type { ArkFlavour } from './seedance-models';
export type { RecordedCreate } from './fake-state';

export interface ArkSeedanceFakeOptions extends VideoFakeOptions {
  flavour: ArkFlavour;
  /** Size of each MP4 unless a `[bytes=N]` marker says otherwise. Default 65536. */
  videoBytes?: number;
  /** Clock in ms; injected so tests can script task progress. Default `Date.now`. */
  now?: () => number;
}

const TOS_REGIONS: Record<ArkFlavour, string> = { volcengine: 'cn-beijing', byteplus: 'ap-southeast-1' };

export async function startArkSeedanceFake(options: ArkSeedanceFakeOptions): Promise<VideoFake> {
  const state: FakeState = {
    flavour: options.flavour,
    apiKey: options.apiKey,
    completeAfterMs: options.completeAfterMs ?? 1500,
    videoBytes: options.videoBytes ?? 65_536,
    models: seedanceModelsFor(options.flavour),
    now: options.now ?? Date.now,
    tasks: new Map(),
    videoSizes: new Map(),
    tos: { secret: randomBytes(32), region: TOS_REGIONS[options.flavour] },
    stats: emptyStats(),
  };

  const server = await listen((request, response) => void handleRequest(state, request, response), options);

  return {
    provider: options.flavour,
    // No publicOrigin: TOS result URLs follow each request's Host header (./task-routes.ts).
    apiBase: `${server.origin}/api/v3`,
    apiKey: options.apiKey,
    // The first, Seedance 1.5 pro, takes images too, so no separate imageModel is needed.
    models: state.models.map((model) => model.id),
    stats: () => ({ ...state.stats }),
    lastCreate() {
      const last = state.lastCreate;
      return last ? { model: last.model, prompt: last.prompt, image: last.image, body: last.body } : undefined;
    },
    expectedVideo(taskId) {
      const size = state.videoSizes.get(taskId);
      if (size === undefined) throw new Error(`fake ark-seedance (${options.flavour}) has no task ${taskId}`);
      return seedanceVideoBuffer(taskId, size);
    },
    close: server.close,
  };
}
