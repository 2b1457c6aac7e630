import { startArkSeedanceFake } from './ark-seedance/index';
import { startDashScopeWanFake } from './dashscope-wan/index';
import { startGeminiVeoFake } from './gemini-veo/index';
import { startOpenAIVideoFake } from './openai-videos/video-fake-adapter';
import type { VideoFakeStarter } from './video-fake';

/**
 * One fake per video provider prefix of the provider catalog. The contract suite fails
 * for any catalog entry with a video adapter and no fake here.
 */
export const videoFakes: Readonly<Record<string, VideoFakeStarter>> = {
  openai: startOpenAIVideoFake,
  gemini: startGeminiVeoFake,
  dashscope: startDashScopeWanFake,
  volcengine: (options) => startArkSeedanceFake({ ...options, flavour: 'volcengine' }),
  byteplus: (options) => startArkSeedanceFake({ ...options, flavour: 'byteplus' }),
};
