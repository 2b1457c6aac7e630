/**
 * Vendor model retirements, as data: which model ids a vendor has shut down (or announced it
 * will), when, what replaces them, and where that was read. A gateway that does not know this
 * answers "no healthy deployments" for a model that simply no longer exists (text-providers.md
 * §0 and §1.11). Update an entry by editing its line; `confidence` says whether the vendor's own
 * page said it (`vendor`) or only third parties (`reported`).
 */
export interface ModelRetirement {
  /** LiteLLM prefixes the entry applies to. */
  providers: readonly string[];
  /** Upstream model ids (after the prefix). */
  models: RegExp;
  /** The first day the model no longer answers (ISO date, UTC); absent where the vendor shows it shut down without a date. */
  retiredOn?: string;
  /** What to use instead, as a model id of the same prefix where there is one. */
  replacement: string;
  source: string;
  confidence: 'vendor' | 'reported';
  /**
   * Hosts of the vendor itself, for prefixes that also reach other servers (`openai/` with the
   * api_base of a vLLM): a model of the same name there is not retired. Unset: any api_base.
   */
  vendorHosts?: RegExp;
}

const ANTHROPIC = ['anthropic'];
const ARK = ['volcengine', 'byteplus'];

export const MODEL_RETIREMENTS: readonly ModelRetirement[] = [
  { providers: ANTHROPIC, models: /^claude-3-sonnet(?:-20240229)?$/, retiredOn: '2025-07-21', replacement: 'claude-sonnet-4-5-20250929', source: 'docs.anthropic.com/en/docs/about-claude/model-deprecations', confidence: 'vendor' },
  { providers: ANTHROPIC, models: /^claude-(?:sonnet-4-20250514|opus-4-20250514)$/, retiredOn: '2026-06-15', replacement: 'claude-sonnet-4-5-20250929', source: 'text-providers.md §1.2 (reported retirement on the Claude API)', confidence: 'reported' },
  { providers: ['gemini'], models: /^gemini-3-pro-preview$/, retiredOn: '2026-03-09', replacement: 'gemini-3.1-pro-preview', source: 'ai.google.dev/gemini-api/docs/deprecations', confidence: 'vendor' },
  { providers: ['deepseek'], models: /^deepseek-chat$/, retiredOn: '2026-07-24', replacement: 'deepseek-v4-flash (thinking disabled)', source: 'DeepSeek migration notes, reported by two clients (text-providers.md §1.10)', confidence: 'reported' },
  { providers: ['deepseek'], models: /^deepseek-reasoner$/, retiredOn: '2026-07-24', replacement: 'deepseek-v4-flash with reasoning_effort (thinking enabled)', source: 'DeepSeek migration notes, reported by two clients (text-providers.md §1.10)', confidence: 'reported' },
  { providers: ['dashscope'], models: /^qwen-turbo(?:-latest)?$/, retiredOn: '2026-10-10', replacement: 'qwen-flash', source: 'alibabacloud.com Model Studio notice 731 (Beijing and Singapore)', confidence: 'vendor' },
  { providers: ARK, models: /^doubao-(?:pro|lite)-(?:4k|32k|128k)(?:-\d{6})?$/, replacement: 'doubao-seed-1-6-251015', source: 'Ark /models lists them as "Shutdown" (oh-my-pi#4201)', confidence: 'reported' },
  // The Videos API itself: on OpenAI's own host only (other servers still speak /v1/videos). After the day, openai-notices.ts says more.
  { providers: ['openai'], models: /^sora-2(?:-pro)?(?:-\d{4}-\d{2}-\d{2})?$/, retiredOn: '2026-09-24', replacement: 'a Veo, Seedance or Wan model, or an api_base that still serves /v1/videos', source: 'platform.openai.com/docs/deprecations (providers.md §1)', confidence: 'vendor', vendorHosts: /(^|\.)openai\.com$/ },
  { providers: ['openai'], models: /^gpt-4(?:-32k)?(?:-\d{4})?$/, retiredOn: '2026-02-27', replacement: 'gpt-5.2', source: 'docs.apiyi.com deprecated-models (text-providers.md §1.1)', confidence: 'reported', vendorHosts: /(^|\.)openai\.com$/ },
];

/** The retirement of this model, if reelay knows of one (retired or announced), on the vendor's own host. */
export function retirementOf(provider: string, model: string, apiBase?: string): ModelRetirement | undefined {
  return MODEL_RETIREMENTS.find((entry) => entry.providers.includes(provider) && entry.models.test(model) && onVendorHost(entry, apiBase));
}

function onVendorHost(entry: ModelRetirement, apiBase: string | undefined): boolean {
  if (!entry.vendorHosts || !apiBase?.trim()) return true;
  try {
    return entry.vendorHosts.test(new URL(apiBase).hostname);
  } catch {
    return true;
  }
}

/** One sentence for a person: retired (or retiring) on which day, and what to use instead. */
export function retirementHint(provider: string, model: string, now = new Date(), apiBase?: string): string | undefined {
  const entry = retirementOf(provider, model, apiBase);
  if (!entry) return undefined;
  const what =
    entry.retiredOn === undefined
      ? `${model} is shut down by the vendor`
      : `${model} ${now >= new Date(`${entry.retiredOn}T00:00:00Z`) ? 'was retired' : 'is to be retired'} by the vendor on ${entry.retiredOn}`;
  return `${what}${entry.confidence === 'reported' ? ' (reported by third parties)' : ''}; use ${entry.replacement} instead (source: ${entry.source}).`;
}
