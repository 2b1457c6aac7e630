/**
 * What answers a request on the Agent API: one model (`provider/model`) or a preset, which
 * bundles a model, a system prompt, search settings and tools that Perplexity tunes over time.
 */
export type AgentEngine =
  /** `forceSearch`: search on every request, as Sonar did (a merely offered tool may go unused). */
  | { kind: 'model'; model: string; forceSearch?: boolean }
  | { kind: 'preset'; preset: string };

/**
 * The retired Sonar model ids, as configs and clients still name them. The mapping follows
 * Perplexity's own migration notes (perplexityai/api-platform-developers, "models-and-presets"):
 * there is no `perplexity/sonar-pro` slug; pro search is the `low` preset, deep research
 * `medium`. Other sources disagree (Fabric and TrueFoundry report sonar-pro → fast,
 * @ai-sdk/perplexity's plan sonar-deep-research → high), see README "Perplexity".
 */
export const SONAR_ENGINES: Readonly<Record<string, AgentEngine>> = {
  sonar: { kind: 'model', model: 'perplexity/sonar', forceSearch: true },
  'sonar-pro': { kind: 'preset', preset: 'low' },
  'sonar-reasoning': { kind: 'preset', preset: 'low' },
  'sonar-reasoning-pro': { kind: 'preset', preset: 'low' },
  'sonar-deep-research': { kind: 'preset', preset: 'medium' },
};

/** Preset names: the short ones, and the earlier names Perplexity still accepts for the first four. */
export const AGENT_PRESETS: readonly string[] = ['fast', 'low', 'medium', 'high', 'xhigh', 'fast-search', 'pro-search', 'deep-research', 'advanced-deep-research'];

/**
 * The engine for a deployment's model id: a Sonar id by the table above, a preset name as that
 * preset, anything else (`perplexity/sonar`, `openai/gpt-5.1`) as the Agent API model slug.
 */
export function agentEngineOf(model: string): AgentEngine {
  const id = model.trim();
  const sonar = SONAR_ENGINES[id.toLowerCase()];
  if (sonar) return sonar;
  if (AGENT_PRESETS.includes(id.toLowerCase())) return { kind: 'preset', preset: id.toLowerCase() };
  return { kind: 'model', model: id };
}
