import { checkArkVideoRequest } from './ark/ark-video-options';
import { createBytePlusVideoModel, createVolcengineVideoModel } from './ark/ark-video-model';
import type { RequestCheck, VideoAdapter, VideoGenerationRequest } from './contract/video-model';
import { createDashScopeVideoModel } from './dashscope/dashscope-video-model';
import { planWanRequest } from './dashscope/dashscope-video-request';
import { createGeminiVideoModel } from './gemini/gemini-video-model';
import { checkGeminiVideoRequest } from './gemini/gemini-video-options';
import { createOpenAIVideoModel } from './openai/openai-video-model';
import { checkOpenAIVideoRequest } from './openai/openai-video-options';

/**
 * The video adapter of each vendor prefix that has one. `checkRequest` is the same pure check
 * the adapter runs before it pays, without building an adapter (the api uses it at intake).
 */
export const videoAdapters: Readonly<Record<string, VideoAdapter>> = {
  openai: { create: createOpenAIVideoModel, checkRequest: checkOpenAIVideoRequest },
  gemini: { create: createGeminiVideoModel, checkRequest: checkGeminiVideoRequest },
  dashscope: {
    create: createDashScopeVideoModel,
    checkRequest(model, request) {
      const { errors, warnings } = planWanRequest(model, request);
      return { errors, warnings };
    },
  },
  volcengine: { create: createVolcengineVideoModel, checkRequest: checkArkVideoRequest },
  byteplus: { create: createBytePlusVideoModel, checkRequest: checkArkVideoRequest },
};

/**
 * The adapter's pure check of a request for one deployment (no network, no key, no cost),
 * without building the adapter: what the api runs at intake. Undefined when the vendor has no
 * video adapter (canServe says no for such a deployment).
 */
export function checkVideoRequest(provider: string, modelId: string, request: VideoGenerationRequest): RequestCheck | undefined {
  return videoAdapters[provider]?.checkRequest(modelId, request);
}
