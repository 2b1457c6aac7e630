import { describe, expect, it } from 'vitest';
import { inferDeploymentMode, vendorCatalog } from './catalog/vendor-catalog';
import { canServe, cannotServeReason, servingProviders } from './modality';
import { chatAdapters } from './chat-adapters';
import { videoAdapters } from './video-adapters';

const deployment = (provider: string, model: string) => ({ provider, mode: inferDeploymentMode(provider, model) });

describe('canServe: capability belongs to the deployment, not its prefix', () => {
  it.each([
    ['openai', 'sora-2', true],
    ['openai', 'gpt-4-turbo', false],
    ['volcengine', 'doubao-seedance-1-5-pro-251215', true],
    ['volcengine', 'doubao-pro-32k', false],
    ['byteplus', 'seedance-1-0-pro-250528', true],
    ['dashscope', 'wan2.6-t2v', true],
    ['dashscope', 'qwen3-max', false],
    ['gemini', 'veo-3.1-generate-preview', true],
    ['gemini', 'gemini-2.5-flash', false],
  ])('%s/%s serves video: %s', (provider, model, serves) => {
    expect(canServe(deployment(provider, model), 'video')).toBe(serves);
  });

  it('says why not: a chat model, or a video model reelay has no adapter for', () => {
    expect(cannotServeReason(deployment('openai', 'gpt-4-turbo'), 'video')).toBe('its mode is chat, not video_generation');
    expect(cannotServeReason(deployment('vertex_ai', 'veo-3.0-generate-001'), 'video')).toBe('reelay has no video adapter for vertex_ai/');
    expect(cannotServeReason({ provider: 'openai', mode: 'embedding' }, 'video')).toBe('its mode is embedding, not video_generation');
  });

  it('gives one video lane per provider that serves video, whatever else its prefix serves', () => {
    const lanes = servingProviders([deployment('openai', 'gpt-4'), deployment('dashscope', 'wan2.6-t2v'), deployment('dashscope', 'qwen3-max'), deployment('xai', 'grok-4')], 'video');
    expect(lanes).toEqual(['dashscope']);
  });
});

describe('the vendor catalog and the adapters agree', () => {
  it('every vendor with a video adapter is in the catalog and knows its video model ids', () => {
    for (const provider of Object.keys(videoAdapters)) {
      expect(vendorCatalog[provider]?.videoModelIds, `${provider}: give its catalog entry videoModelIds`).toBeInstanceOf(RegExp);
    }
  });

  it('every vendor with a chat adapter is in the catalog with its key variable', () => {
    // Vertex AI signs in with a service-account key, not an API key.
    for (const provider of Object.keys(chatAdapters)) expect(vendorCatalog[provider]?.keyEnv, `${provider}: add it to the vendor catalog`).toMatch(/_API_KEY$|^VERTEXAI_CREDENTIALS$/);
  });
});

describe('chat: served where a chat adapter exists', () => {
  it.each(['openai', 'xai', 'perplexity', 'dashscope', 'volcengine', 'byteplus', 'openrouter', 'deepseek', 'gemini', 'anthropic', 'vertex_ai'])('%s serves chat', (provider) => {
    expect(cannotServeReason({ provider, mode: 'chat' }, 'chat')).toBeUndefined();
  });

  it('says why not: a video model, a vendor without a chat adapter, or a model its adapter does not serve (Gemini on Vertex AI)', () => {
    expect(cannotServeReason(deployment('openai', 'sora-2'), 'chat')).toBe('its mode is video_generation, not chat');
    expect(cannotServeReason({ provider: 'azure', mode: 'chat' }, 'chat')).toBe('reelay has no chat adapter for azure/');
    expect(cannotServeReason({ ...deployment('vertex_ai', 'claude-sonnet-4-5@20250929'), upstreamModel: 'claude-sonnet-4-5@20250929' }, 'chat')).toBeUndefined();
    expect(cannotServeReason({ ...deployment('vertex_ai', 'gemini-2.5-pro'), upstreamModel: 'gemini-2.5-pro' }, 'chat')).toMatch(/^reelay serves only Claude \(a model id with "claude"\) on vertex_ai\/ for chat; use gemini\//);
  });
});
