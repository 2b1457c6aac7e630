import type { ReasoningMapping } from '../openai-compatible/openai-compatible-vendor';
import type { ReasoningKnob } from '../reasoning/reasoning-knob';

/** Grok 4.x variants named for their reasoning (`-reasoning`, `-non-reasoning`, 4.1 fast) refuse `reasoning_effort`. */
const REASONING_BY_VARIANT = /-(?:non-)?reasoning|grok-4-1-fast/i;
const GROK_EFFORT: Readonly<Record<string, string>> = { minimal: 'low', xhigh: 'high' };

/** xAI (text-providers.md §1.5): the knob goes to models that take it, and is dropped, with the reason, for the rest. */
export function xaiReasoning(knob: ReasoningKnob | undefined, model: string): ReasoningMapping | undefined {
  if (!knob) return undefined;
  if (REASONING_BY_VARIANT.test(model)) return { ignored: `${model} picks its reasoning by variant (-reasoning / -non-reasoning) and refuses reasoning_effort` };
  const effort = GROK_EFFORT[knob.effort] ?? knob.effort;
  return { fields: { reasoning_effort: effort }, ...(effort !== knob.effort || knob.source === 'thinking' ? { label: `${knob.source}->reasoning_effort=${effort}` } : {}) };
}
