/** Fixtures for the Gemini adapter's unit tests (not exported from the package). */
import type { VideoModelSettings } from '../contract/video-model';
import { createGeminiVideoModel } from './gemini-video-model';

export { scriptedFetch, jsonAnswer as json } from '../testing/scripted-fetch';

export const KEY = 'AIza-test-key-0123456789';
export const OP = 'models/veo-3.1-generate-preview/operations/op123abc';

export function model(fetchFn: typeof fetch, overrides: Partial<VideoModelSettings> = {}) {
  return createGeminiVideoModel({
    model: 'veo-3.1-generate-preview',
    apiKey: KEY,
    apiKeyEnv: 'GEMINI_API_KEY',
    fetch: fetchFn,
    ...overrides,
  });
}

export const rpcError = (code: number, status: string, message: string, details: unknown[] = []) => ({ error: { code, message, status, details } });
