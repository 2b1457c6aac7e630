import type { VideoFake, VideoFakeOptions } from '../video-fake';
import { startFakeOpenAIVideos } from './index';

/** The OpenAI fake behind the common VideoFake interface. */
export async function startOpenAIVideoFake(options: VideoFakeOptions): Promise<VideoFake> {
  const fake = await startFakeOpenAIVideos(options);
  return {
    provider: 'openai',
    apiBase: fake.baseUrl,
    apiKey: options.apiKey,
    models: ['sora-2', 'sora-2-pro'],
    stats() {
      const s = fake.stats();
      return { creates: s.creates, polls: s.retrieves, downloads: s.contentDownloads, cancels: 0, rateLimited: s.rateLimited, rejectedAuth: s.rejectedAuth };
    },
    lastCreate() {
      const last = fake.lastCreate();
      if (!last) return undefined;
      const fields = last.fields as { model?: string; prompt?: string };
      return { model: fields.model, prompt: fields.prompt, image: last.inputReference?.image_url, body: last.fields };
    },
    expectedVideo: (id) => fake.expectedVideo(id),
    close: () => fake.close(),
  };
}
