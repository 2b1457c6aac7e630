import type { VideoModelFactory, VideoModelSettings } from './contract/video-model';
import { createBytePlusVideoModel, createVolcengineVideoModel } from './ark/ark-video-model';
import { createDashScopeVideoModel } from './dashscope/dashscope-video-model';
import { createGeminiVideoModel } from './gemini/gemini-video-model';
import { createOpenAIVideoModel, openAIVideoNotices } from './openai/openai-video-model';

export interface ProviderEntry {
  /** Present when reelay can run video jobs on this provider. */
  video?: VideoModelFactory;
  /** Problems with a deployment that are known before any call (e.g. a retired API); logged at start. */
  deploymentNotices?: (settings: VideoModelSettings, now: Date) => string[];
  /** The env var users usually keep this provider's key in; used in hints. */
  keyEnv?: string;
  /**
   * The vendor's documented cap on video status calls per second for an account, which all
   * workers keep to together; router_settings.status_calls_per_second overrides it.
   */
  statusCallsPerSecond?: number;
}

/**
 * The one map of provider families, keyed by LiteLLM's `provider/` prefix. The registry
 * learns the known prefixes from it; adding a provider is one line here.
 * Entries without `video` are recognised prefixes whose adapters come in later issues.
 */
export const providerCatalog: Readonly<Record<string, ProviderEntry>> = {
  openai: { video: createOpenAIVideoModel, deploymentNotices: openAIVideoNotices, keyEnv: 'OPENAI_API_KEY' },
  gemini: { video: createGeminiVideoModel, keyEnv: 'GEMINI_API_KEY' },
  vertex_ai: { keyEnv: 'GOOGLE_APPLICATION_CREDENTIALS' },
  // DashScope's task query allows 20 QPS by default (its async task API docs).
  dashscope: { video: createDashScopeVideoModel, keyEnv: 'DASHSCOPE_API_KEY', statusCallsPerSecond: 20 },
  volcengine: { video: createVolcengineVideoModel, keyEnv: 'ARK_API_KEY' },
  byteplus: { video: createBytePlusVideoModel, keyEnv: 'BYTEPLUS_API_KEY' },
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

/** The providers among these deployments that have a video adapter: one lane (queue) each. */
export function videoProviders(deployments: readonly { provider: string }[]): string[] {
  return [...new Set(deployments.map((d) => d.provider))].filter((p) => videoModelFactory(p) !== undefined).sort();
}

export function deploymentNotices(provider: string, settings: VideoModelSettings, now = new Date()): string[] {
  return providerCatalog[provider]?.deploymentNotices?.(settings, now) ?? [];
}
