import type { ReasoningMapping } from '../openai-compatible/openai-compatible-vendor';
import type { ReasoningKnob } from '../reasoning/reasoning-knob';

/** gpt-5.x and the o-series: reasoning models with their own parameter rules (text-providers.md §1.1). */
export const OPENAI_REASONING_MODEL = /^(?:gpt-5|o\d)/i;
/** Chat models before reasoning: OpenAI refuses `reasoning_effort` for them. */
const NO_REASONING_MODEL = /^(?:gpt-4|gpt-3\.5|chatgpt-4o)/i;

/** `reasoning_effort` is OpenAI's own field: it passes, except to models that have no reasoning. */
export function openAIReasoning(knob: ReasoningKnob | undefined, model: string): ReasoningMapping | undefined {
  if (!knob) return undefined;
  if (NO_REASONING_MODEL.test(model)) return { ignored: `${model} is not a reasoning model and refuses reasoning_effort` };
  const label = knob.source === 'thinking' ? `thinking->reasoning_effort=${knob.effort}` : undefined;
  return { fields: { reasoning_effort: knob.effort }, ...(label ? { label } : {}) };
}
