import type { ReasoningMapping } from '../openai-compatible/openai-compatible-vendor';
import type { ReasoningKnob } from '../reasoning/reasoning-knob';

/** OpenRouter's own `reasoning` object (text-providers.md §1.9): an effort, or a token budget, never both. */
export function openRouterReasoning(knob: ReasoningKnob | undefined): ReasoningMapping | undefined {
  if (!knob) return undefined;
  const reasoning = knob.budgetTokens !== undefined ? { max_tokens: knob.budgetTokens } : { effort: knob.effort === 'xhigh' ? 'high' : knob.effort };
  return { fields: { reasoning }, label: `${knob.source}->reasoning.${'max_tokens' in reasoning ? `max_tokens=${reasoning.max_tokens}` : `effort=${reasoning.effort}`}` };
}
