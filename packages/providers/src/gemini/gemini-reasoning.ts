import type { ReasoningMapping } from '../openai-compatible/openai-compatible-vendor';
import { thinksAt, type ReasoningKnob } from '../reasoning/reasoning-knob';

/** Gemini 2.5 Pro and 3 Pro think whatever they are told: `none` is a 400 there ("Budget 0 is invalid", text-providers.md §1.3). */
const ALWAYS_THINKS = /^gemini-(?:2\.5|3(?:\.\d+)?)-pro/i;

/**
 * Gemini's OpenAI-compatible endpoint reads `reasoning_effort` itself (it maps the levels to
 * its thinking budgets or levels). What it cannot take is rewritten: `xhigh` has no Gemini
 * level, and Gemini 3 Pro cannot stop thinking, so `none` becomes its lowest level.
 */
export function geminiReasoning(knob: ReasoningKnob | undefined, model: string): ReasoningMapping | undefined {
  if (!knob) return undefined;
  let effort: string = knob.effort === 'xhigh' ? 'high' : knob.effort;
  if (ALWAYS_THINKS.test(model) && !thinksAt(knob.effort)) effort = 'low';
  const label = effort !== knob.effort || knob.source === 'thinking' ? `${knob.source}->reasoning_effort=${effort}${!thinksAt(knob.effort) && effort === 'low' ? ` (${model} cannot stop thinking)` : ''}` : undefined;
  return { fields: { reasoning_effort: effort }, ...(label ? { label } : {}) };
}
