import type { ReasoningMapping } from '../openai-compatible/openai-compatible-vendor';
import { thinksAt, type ReasoningKnob } from '../reasoning/reasoning-knob';

/**
 * DeepSeek V4 switches thinking with `thinking.type` and takes `reasoning_effort` high or max
 * only (text-providers.md §1.10). Sources disagree on whether V4 thinks by default, so the
 * switch is always written when the client set a knob.
 */
export function deepSeekReasoning(knob: ReasoningKnob | undefined): ReasoningMapping | undefined {
  if (!knob) return undefined;
  if (!thinksAt(knob.effort)) return { fields: { thinking: { type: 'disabled' } }, label: `${knob.source}->thinking.type=disabled` };
  const effort = knob.effort === 'xhigh' ? 'max' : 'high';
  return { fields: { thinking: { type: 'enabled' }, reasoning_effort: effort }, label: `${knob.source}->thinking.type=enabled, reasoning_effort=${effort}` };
}
