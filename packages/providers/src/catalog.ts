import type { VideoModelFactory } from './spec/video-model';
import { createOpenAIVideoModel } from './video/openai/openai-video-model';

export interface ProviderEntry {
  /** Present when reelay can run video jobs on this provider. */
  video?: VideoModelFactory;
  /** The env var users usually keep this provider's key in; used in hints. */
  keyEnv?: string;
}

/**
 * The one map of provider families, keyed by LiteLLM's `provider/` prefix. The registry
 * learns the known prefixes from it; adding a provider is one line here.
 * Entries without `video` are recognised prefixes whose adapters come in later issues.
 */
export const providerCatalog: Readonly<Record<string, ProviderEntry>> = {
  openai: { video: createOpenAIVideoModel, keyEnv: 'OPENAI_API_KEY' },
  gemini: { keyEnv: 'GEMINI_API_KEY' },
  vertex_ai: { keyEnv: 'GOOGLE_APPLICATION_CREDENTIALS' },
  dashscope: { keyEnv: 'DASHSCOPE_API_KEY' },
  volcengine: { keyEnv: 'ARK_API_KEY' },
  byteplus: { keyEnv: 'BYTEPLUS_API_KEY' },
  anthropic: { keyEnv: 'ANTHROPIC_API_KEY' },
  xai: { keyEnv: 'XAI_API_KEY' },
  perplexity: { keyEnv: 'PERPLEXITYAI_API_KEY' },
  openrouter: { keyEnv: 'OPENROUTER_API_KEY' },
  azure: { keyEnv: 'AZURE_API_KEY' },
};

export function knownProviderPrefixes(): string[] {
  return Object.keys(providerCatalog);
}

export function videoModelFactory(provider: string): VideoModelFactory | undefined {
  return providerCatalog[provider]?.video;
}
