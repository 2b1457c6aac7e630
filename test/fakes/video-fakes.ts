import { startArkSeedanceFake } from './ark-seedance/index';
import { startDashScopeWanFake } from './dashscope-wan/index';
import { startGeminiVeoFake } from './gemini-veo/index';
import { startOpenAIVideoFake } from './openai-videos/video-fake-adapter';
import type { VideoFakeStarter } from './video-fake';

export interface VideoFakeEntry {
  start: VideoFakeStarter;
  /** Port of `pnpm start:fakes` and docker compose; FAKE_<PROVIDER>_PORT overrides it. */
  port: number;
  /** What follows the origin in the `api_base` that reaches this fake, as users write it for the vendor. */
  apiBasePath: string;
}

/**
 * The one list of fakes, one per video provider prefix of the provider catalog. Ports, the
 * FAKE_*_PORT and FAKE_*_BASE_URL variables (demo config, e2e env, compose) all derive from
 * it; the contract suite fails for a provider with a video adapter and no entry here, and the
 * compose test for an entry compose does not run.
 */
export const videoFakes: Readonly<Record<string, VideoFakeEntry>> = {
  openai: { start: startOpenAIVideoFake, port: 4010, apiBasePath: '/v1' },
  gemini: { start: startGeminiVeoFake, port: 4011, apiBasePath: '' },
  dashscope: { start: startDashScopeWanFake, port: 4012, apiBasePath: '' },
  volcengine: { start: (options) => startArkSeedanceFake({ ...options, flavour: 'volcengine' }), port: 4013, apiBasePath: '/api/v3' },
  byteplus: { start: (options) => startArkSeedanceFake({ ...options, flavour: 'byteplus' }), port: 4014, apiBasePath: '/api/v3' },
};

/** `FAKE_OPENAI_BASE_URL`, …: the variables infra/config/demo.yaml reads a fake's api_base from. */
export function fakeBaseUrlVariable(provider: string): string {
  return `FAKE_${provider.toUpperCase()}_BASE_URL`;
}

/** `FAKE_OPENAI_PORT`, …: the port each fake of `pnpm start:fakes` listens on. */
export function fakePortVariable(provider: string): string {
  return `FAKE_${provider.toUpperCase()}_PORT`;
}
