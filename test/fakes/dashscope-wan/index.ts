/**
 * A fake of Alibaba DashScope's native Wan video API (providers.md §3) on node:http: async-only
 * creates, time-driven task states (PENDING → RUNNING → SUCCEEDED), FAILED with HTTP 200,
 * cancel while PENDING, UNKNOWN ids, public signed OSS-style result links, and the shared
 * prompt markers of ../video-fake.ts.
 */
import { randomBytes } from 'node:crypto';
import { listen } from '../shared/listen';
import type { VideoFake, VideoFakeOptions } from '../video-fake';
import { emptyStats, type WanFakeState } from './fake-state';
import { handleRequest } from './router';
import { MIN_VIDEO_BYTES, wanVideoBuffer } from './video-bytes';
import { FAKE_WAN_MODELS } from './wan-catalog';

export interface DashScopeWanFakeOptions extends VideoFakeOptions {
  /** Size of each video unless `[bytes=N]` says otherwise. Default 65536. */
  videoBytes?: number;
  /** Clock in ms, so tests can script task progress and the 24 h expiry. Default `Date.now`. */
  now?: () => number;
}

/** Text-to-video first (the contract suite's default model is the first entry). */
const MODELS = Object.keys(FAKE_WAN_MODELS);

export async function startDashScopeWanFake(options: DashScopeWanFakeOptions): Promise<VideoFake> {
  const state: WanFakeState = {
    apiKey: options.apiKey,
    origin: '',
    completeAfterMs: options.completeAfterMs ?? 1500,
    videoBytes: Math.max(MIN_VIDEO_BYTES, options.videoBytes ?? 65_536),
    now: options.now ?? Date.now,
    ossSecret: randomBytes(32),
    tasks: new Map(),
    stats: emptyStats(),
  };
  const server = await listen((request, response) => void handleRequest(state, request, response), options);
  state.origin = server.publicOrigin;

  return {
    provider: 'dashscope',
    apiBase: state.origin,
    apiKey: options.apiKey,
    models: MODELS,
    imageModel: 'wan2.6-i2v',
    stats: () => ({ ...state.stats }),
    lastCreate: () => state.lastCreate,
    expectedVideo(taskId) {
      const task = state.tasks.get(taskId);
      if (!task) throw new Error(`fake dashscope-wan has no task ${taskId}`);
      return wanVideoBuffer(task.id, task.videoBytes);
    },
    close: server.close,
  };
}
