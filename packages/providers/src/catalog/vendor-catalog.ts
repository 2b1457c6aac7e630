import { openAINotices } from '../openai/openai-notices';

/**
 * What reelay knows about each vendor, keyed by LiteLLM's `provider/` prefix: which of its
 * model ids make video, where users keep its key, its documented limits. Pure data and pure
 * functions, no adapter: the registry reads prefixes and modes from here (through the
 * `@reelay/providers/catalog` entry) without loading a single adapter. The adapters
 * themselves are in `video-adapters.ts`; the architecture test keeps the two in step.
 */

/** LiteLLM's `model_info.mode` values; reelay serves `chat` and `video_generation`. */
export const DEPLOYMENT_MODES = [
  'chat',
  'completion',
  'embedding',
  'image_generation',
  'image_edit',
  'video_generation',
  'audio_transcription',
  'audio_speech',
  'moderation',
  'rerank',
  'responses',
  'realtime',
  'batch',
  'search',
  'ocr',
] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];

export interface VendorEntry {
  /** The vendor's upstream model ids that are video models; every other id is a chat model. */
  videoModelIds?: RegExp;
  /** The env var users usually keep this vendor's key in; used in hints. */
  keyEnv?: string;
  /**
   * The vendor's documented cap on video status calls per second for an account, which all
   * workers keep to together; router_settings.status_calls_per_second overrides it.
   */
  statusCallsPerSecond?: number;
  /** Problems with a deployment that are known before any call (e.g. a retired API); logged at start. */
  deploymentNotices?: (settings: { model: string; apiBase?: string }, now: Date) => string[];
}

const SORA = /^sora(?:-|$)/i;
const VEO = /^veo-/i;
const WAN = /^wan/i;
const SEEDANCE = /seedance/i;

/** One entry per vendor prefix; adding a vendor is one line here (and its adapters). */
export const vendorCatalog: Readonly<Record<string, VendorEntry>> = {
  openai: { videoModelIds: SORA, keyEnv: 'OPENAI_API_KEY', deploymentNotices: openAINotices },
  gemini: { videoModelIds: VEO, keyEnv: 'GEMINI_API_KEY' },
  // Veo also runs on Vertex AI; reelay has no Vertex video adapter yet, so these are refused by name.
  vertex_ai: { videoModelIds: VEO, keyEnv: 'GOOGLE_APPLICATION_CREDENTIALS' },
  // DashScope's task query allows 20 QPS by default (its async task API docs).
  dashscope: { videoModelIds: WAN, keyEnv: 'DASHSCOPE_API_KEY', statusCallsPerSecond: 20 },
  volcengine: { videoModelIds: SEEDANCE, keyEnv: 'ARK_API_KEY' },
  byteplus: { videoModelIds: SEEDANCE, keyEnv: 'BYTEPLUS_API_KEY' },
  anthropic: { keyEnv: 'ANTHROPIC_API_KEY' },
  xai: { keyEnv: 'XAI_API_KEY' },
  perplexity: { keyEnv: 'PERPLEXITYAI_API_KEY' },
  openrouter: { keyEnv: 'OPENROUTER_API_KEY' },
  deepseek: { keyEnv: 'DEEPSEEK_API_KEY' },
  azure: { keyEnv: 'AZURE_API_KEY' },
};

export function knownProviderPrefixes(): string[] {
  return Object.keys(vendorCatalog);
}

export function isDeploymentMode(value: string): value is DeploymentMode {
  return (DEPLOYMENT_MODES as readonly string[]).includes(value);
}

/**
 * The mode of a deployment whose config does not say (`model_info.mode` wins when it does):
 * the vendor's video model ids make video, everything else is chat. An Ark endpoint id
 * (`ep-…`) hides its model, so a Seedance endpoint needs `mode: video_generation` written out.
 */
export function inferDeploymentMode(provider: string, upstreamModel: string): DeploymentMode {
  return vendorCatalog[provider]?.videoModelIds?.test(upstreamModel) ? 'video_generation' : 'chat';
}

export function deploymentNotices(provider: string, settings: { model: string; apiBase?: string }, now = new Date()): string[] {
  return vendorCatalog[provider]?.deploymentNotices?.(settings, now) ?? [];
}

/** The env var users usually keep this vendor's key in, or a generic phrase. */
export function keyEnvHint(provider: string): string {
  return vendorCatalog[provider]?.keyEnv ?? 'its API key';
}
