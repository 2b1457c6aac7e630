import { keyEnvHint, knownProviderPrefixes } from '@reelay/providers/catalog';

export interface ProviderSplit {
  provider: string;
  providerKnown: boolean;
  /** The vendor's model id: everything after the first `/` (further slashes kept). */
  upstreamModel: string;
  /** Set when the user should change something; says how. */
  hint?: string;
}

/** Prefixes people write that are not LiteLLM providers, and what they meant. */
const misspelledPrefixes: Record<string, (model: string) => string> = {
  qwen: (model) => `"qwen/" is not a LiteLLM provider prefix; use dashscope/ (e.g. dashscope/${model}) with ${keyEnv('dashscope')}.`,
  google: () =>
    '"google/" is not a LiteLLM provider prefix; use gemini/ (Gemini API key, GEMINI_API_KEY) or vertex_ai/ (Vertex AI project credentials).',
  completions: (model) =>
    `"completions/" is not a provider prefix; Doubao is volcengine/ (e.g. volcengine/${model}) with ${keyEnv('volcengine')}.`,
};

const keyEnv = keyEnvHint;

/**
 * Splits `litellm_params.model` into provider and vendor model id, as LiteLLM does: the first
 * path segment is the provider unless `custom_llm_provider` names it; no prefix means OpenAI.
 */
export function splitProviderModel(model: string, customProvider?: string): ProviderSplit {
  const known = new Set(knownProviderPrefixes());
  if (customProvider !== undefined) {
    const upstreamModel = model.startsWith(`${customProvider}/`) ? model.slice(customProvider.length + 1) : model;
    const split = { provider: customProvider, providerKnown: known.has(customProvider), upstreamModel };
    return split.providerKnown ? split : { ...split, hint: unknownProviderHint(customProvider, upstreamModel, known) };
  }
  const slash = model.indexOf('/');
  if (slash < 0) {
    return {
      provider: 'openai',
      providerKnown: known.has('openai'),
      upstreamModel: model,
      hint: `"${model}" has no provider prefix; assuming openai/. Write "openai/${model}" to say so, or add the right provider prefix.`,
    };
  }
  const provider = model.slice(0, slash);
  const upstreamModel = model.slice(slash + 1);
  if (known.has(provider)) return { provider, providerKnown: true, upstreamModel };
  return { provider, providerKnown: false, upstreamModel, hint: unknownProviderHint(provider, upstreamModel, known) };
}

function unknownProviderHint(provider: string, upstreamModel: string, known: ReadonlySet<string>): string {
  const misspelled = misspelledPrefixes[provider];
  if (misspelled !== undefined) return `${misspelled(upstreamModel)} Until then this deployment cannot serve requests.`;
  return `provider "${provider}/" is not one reelay supports, so this deployment cannot serve requests; use one of ${knownList(known)}.`;
}

function knownList(known: ReadonlySet<string>): string {
  return [...known].map((prefix) => `${prefix}/`).join(', ');
}
