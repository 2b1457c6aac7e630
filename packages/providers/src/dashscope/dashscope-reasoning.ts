import type { ReasoningMapping } from '../openai-compatible/openai-compatible-vendor';
import { BUDGET_OF_EFFORT, thinksAt, type ReasoningKnob } from '../reasoning/reasoning-knob';

/** Open-source hybrid Qwen3 (`qwen3-32b`, `qwen3-235b-a22b`): they refuse to think in a non-streaming call. */
const HYBRID_QWEN3 = /^qwen3-\d/i;

/**
 * DashScope's switch is `enable_thinking` with an optional `thinking_budget` (text-providers.md
 * §1.7). Qwen ≥ 3.5 think unless told not to, so a knob is always written out, never dropped.
 * A non-streaming call of a hybrid Qwen3 must say `enable_thinking: false` (else a 400), so
 * reelay says it when the client did not, and reports it.
 */
export function dashScopeReasoning(knob: ReasoningKnob | undefined, model: string, body: Record<string, unknown>): ReasoningMapping | undefined {
  const nonStreamHybrid = body.stream !== true && HYBRID_QWEN3.test(model);
  if (!knob) {
    if (!nonStreamHybrid || body.enable_thinking !== undefined) return undefined;
    return { fields: { enable_thinking: false }, label: `enable_thinking=false (${model} cannot think in a non-streaming call)` };
  }
  if (!thinksAt(knob.effort)) return { fields: { enable_thinking: false }, label: `${knob.source}->enable_thinking=false` };
  if (nonStreamHybrid) return { fields: { enable_thinking: false }, label: `${knob.source}->enable_thinking=false (${model} cannot think in a non-streaming call; stream to see its thinking)` };
  // high and xhigh: no budget, the model's own maximum.
  const budget = knob.budgetTokens ?? (knob.effort === 'low' || knob.effort === 'medium' ? BUDGET_OF_EFFORT[knob.effort] : undefined);
  return {
    fields: { enable_thinking: true, ...(budget !== undefined ? { thinking_budget: budget } : {}) },
    label: `${knob.source}->enable_thinking=true${budget !== undefined ? `, thinking_budget=${budget}` : ''}`,
  };
}
