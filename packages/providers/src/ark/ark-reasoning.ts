import type { ReasoningMapping } from '../openai-compatible/openai-compatible-vendor';
import { thinksAt, type ReasoningKnob } from '../reasoning/reasoning-knob';

const ARK_TYPES = new Set(['enabled', 'disabled', 'auto']);

/**
 * Ark (Doubao) switches thinking with `thinking.type` and ignores `reasoning_effort` in silence
 * (text-providers.md §1.8), so the knob is always rewritten. Ark's own `thinking` passes as is.
 */
export function arkReasoning(knob: ReasoningKnob | undefined, _model: string, body: Record<string, unknown>): ReasoningMapping | undefined {
  if (!knob) return undefined;
  const own = (body.thinking as { type?: unknown } | undefined)?.type;
  if (knob.source === 'thinking' && typeof own === 'string' && ARK_TYPES.has(own) && Object.keys(body.thinking as object).length === 1) return { fields: { thinking: { type: own } } };
  const type = thinksAt(knob.effort) ? 'enabled' : 'disabled';
  return { fields: { thinking: { type } }, label: `${knob.source}->thinking.type=${type}` };
}
