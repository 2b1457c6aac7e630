import { openAINotices } from '../openai/openai-notices';
import { retirementHint } from './model-lifecycle';

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
  /** When reelay's chat adapter serves only some of the vendor's chat models: which, and what to tell a deployment of another. */
  chatModels?: { ids: RegExp; otherwise: string };
  /** `litellm_params` a served chat deployment must set, each with how to fill it in; a missing one stops the load. */
  requiredChatParams?: Readonly<Record<string, string>>;
}

const SORA = /^sora(?:-|$)/i;
const VEO = /^veo-/i;
const WAN = /^wan/i;
const SEEDANCE = /seedance/i;
/** LiteLLM's rule for Vertex's partner models: an id naming claude goes to Anthropic's publisher endpoint. */
const CLAUDE = /claude/i;

/** One entry per vendor prefix; adding a vendor is one line here (and its adapters). */
export const vendorCatalog: Readonly<Record<string, VendorEntry>> = {
  openai: { videoModelIds: SORA, keyEnv: 'OPENAI_API_KEY', deploymentNotices: openAINotices },
  gemini: { videoModelIds: VEO, keyEnv: 'GEMINI_API_KEY' },
  // Veo also runs on Vertex AI; reelay has no Vertex video adapter yet, so these are refused by name.
  // Its chat adapter is Claude's (Anthropic's publisher endpoint); Gemini on Vertex is not served.
  vertex_ai: {
    videoModelIds: VEO,
    keyEnv: 'VERTEXAI_CREDENTIALS',
    chatModels: { ids: CLAUDE, otherwise: 'reelay serves only Claude (a model id with "claude") on vertex_ai/ for chat; use gemini/ with a Gemini API key for Gemini models' },
    requiredChatParams: {
      vertex_project: 'the Google Cloud project id with Claude enabled in Model Garden, e.g. vertex_project: my-project',
      vertex_credentials: "a service-account key: its JSON text, the path of its .json file, or os.environ/NAME holding either",
    },
  },
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
  const own = vendorCatalog[provider]?.deploymentNotices?.(settings, now) ?? [];
  const retirement = retirementHint(provider, settings.model, now, settings.apiBase);
  // A vendor's own notice about the same model (Sora on OpenAI) says it already, with more detail.
  return retirement && own.length === 0 ? [retirement] : own;
}

/** Whether reelay's chat adapter for this vendor serves this model id, and if not, why. */
export function chatModelRefusal(provider: string, upstreamModel: string): string | undefined {
  const served = vendorCatalog[provider]?.chatModels;
  return served && !served.ids.test(upstreamModel) ? served.otherwise : undefined;
}

/** The `litellm_params` a chat deployment of this model must set (none when reelay would not serve it anyway). */
export function requiredChatParams(provider: string, upstreamModel: string): Readonly<Record<string, string>> {
  if (chatModelRefusal(provider, upstreamModel) !== undefined) return {};
  return vendorCatalog[provider]?.requiredChatParams ?? {};
}

/** The env var users usually keep this vendor's key in, or a generic phrase. */
export function keyEnvHint(provider: string): string {
  return vendorCatalog[provider]?.keyEnv ?? 'its API key';
}
