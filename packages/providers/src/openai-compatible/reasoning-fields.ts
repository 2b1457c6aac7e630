import type { UnsupportedParam } from '../contract/chat-model';
import { readReasoningKnob, REASONING_FIELDS } from '../reasoning/reasoning-knob';
import type { OpenAICompatibleVendor, ReasoningMapping } from './openai-compatible-vendor';

/** What the vendor's reasoning hook makes of a body (undefined: nothing to do). */
export function reasoningMappingOf(vendor: OpenAICompatibleVendor, body: Record<string, unknown>, model: string): ReasoningMapping | undefined {
  const knob = readReasoningKnob(body);
  if (vendor.reasoning) return vendor.reasoning(knob, model, body);
  if (!knob) return undefined;
  // No hook: OpenAI's own field, which most OpenAI-compatible hosts read.
  return knob.source === 'reasoning_effort' ? { fields: { reasoning_effort: knob.effort } } : { fields: { reasoning_effort: knob.effort }, label: `thinking->reasoning_effort=${knob.effort}` };
}

/** Writes the mapping into the body sent: the client's knob fields out, the vendor's in. */
export function applyReasoningMapping(body: Record<string, unknown>, mapping: ReasoningMapping | undefined): void {
  if (!mapping) return;
  for (const field of REASONING_FIELDS) delete body[field];
  if ('fields' in mapping) Object.assign(body, mapping.fields);
}

export function reasoningTranslated(mapping: ReasoningMapping | undefined): string[] {
  return mapping && 'fields' in mapping && mapping.label ? [mapping.label] : [];
}

export function reasoningIgnored(mapping: ReasoningMapping | undefined, body: Record<string, unknown>): UnsupportedParam[] {
  if (!mapping || !('ignored' in mapping)) return [];
  const param = REASONING_FIELDS.find((field) => body[field] !== undefined) ?? 'reasoning_effort';
  return [{ param, reason: mapping.ignored }];
}
