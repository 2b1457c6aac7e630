import type { UnsupportedParam } from '../contract/chat-model';
import { BUDGET_OF_EFFORT, readReasoningKnob, thinksAt } from '../reasoning/reasoning-knob';

type Json = Record<string, unknown>;

/** Anthropic's smallest thinking budget; `max_tokens` must stay above the budget. */
export const MIN_THINKING_BUDGET = 1_024;

export interface AnthropicThinking {
  /** The Messages `thinking` field to send, if any. */
  thinking?: Json;
  /** `max_tokens` to send instead of the client's (room for the budget). */
  maxTokens?: number;
  /** Claude takes no temperature other than 1 while it thinks. */
  withoutTemperature: boolean;
  translated: string[];
  ignored: UnsupportedParam[];
}

/**
 * The request's reasoning knob as Claude's extended thinking (text-providers.md §1.2): an
 * Anthropic-shaped `thinking` passes unchanged; `reasoning_effort` becomes a budget on the same
 * ladder as the other vendors, kept inside `max_tokens` (which, as OpenAI's
 * `max_completion_tokens`, counts the thinking). Where Claude would refuse thinking (a tool
 * forced, a tool loop whose last call carries no thinking block) it is left off and reported.
 */
export function anthropicThinking(body: Json, defaultMaxTokens: number): AnthropicThinking {
  const none: AnthropicThinking = { withoutTemperature: false, translated: [], ignored: [] };
  const knob = readReasoningKnob(body);
  if (!knob) return none;
  const param = knob.source;
  if (knob.source === 'thinking') {
    const thinking = body.thinking as Json;
    const on = thinking.type !== 'disabled';
    if (on && lastToolTurnLacksThinking(body)) return { ...none, ignored: [{ param, reason: NO_BLOCK_TO_CONTINUE }] };
    return { thinking, withoutTemperature: on && hasTemperature(body), translated: [], ignored: on && hasTemperature(body) ? [TEMPERATURE] : [] };
  }
  if (!thinksAt(knob.effort)) return none;
  if (forcesTool(body.tool_choice)) return { ...none, ignored: [{ param, reason: 'Claude cannot think while tool_choice forces a tool' }] };
  if (lastToolTurnLacksThinking(body)) return { ...none, ignored: [{ param, reason: NO_BLOCK_TO_CONTINUE }] };
  const clientMax = (body.max_completion_tokens as number | undefined) ?? (body.max_tokens as number | undefined);
  if (clientMax !== undefined && clientMax <= MIN_THINKING_BUDGET) {
    return { ...none, ignored: [{ param, reason: `a token limit of ${clientMax} leaves no room for Claude's smallest thinking budget (${MIN_THINKING_BUDGET})` }] };
  }
  const budget = clientMax === undefined ? BUDGET_OF_EFFORT[knob.effort] : Math.max(MIN_THINKING_BUDGET, Math.min(BUDGET_OF_EFFORT[knob.effort], clientMax - 1));
  const maxTokens = clientMax ?? defaultMaxTokens + budget;
  return {
    thinking: { type: 'enabled', budget_tokens: budget },
    maxTokens,
    withoutTemperature: hasTemperature(body),
    translated: [`reasoning_effort->thinking.budget_tokens=${budget}`],
    ignored: hasTemperature(body) ? [TEMPERATURE] : [],
  };
}

const TEMPERATURE: UnsupportedParam = { param: 'temperature', reason: 'Claude takes no temperature while it thinks' };
const NO_BLOCK_TO_CONTINUE =
  "the conversation's last tool call carries no Claude thinking block (it came from another model, or its saved state expired), and Claude refuses to think then; thinking resumes on the next user turn";

function hasTemperature(body: Json): boolean {
  return typeof body.temperature === 'number' && body.temperature !== 1;
}

function forcesTool(choice: unknown): boolean {
  return choice === 'required' || (typeof choice === 'object' && choice !== null);
}

/** A tool loop in progress (the last messages are tool results) whose assistant turn has no thinking block to start it. */
function lastToolTurnLacksThinking(body: Json): boolean {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  let index = messages.length - 1;
  if (messages[index]?.role !== 'tool') return false;
  while (index >= 0 && messages[index]!.role === 'tool') index -= 1;
  const assistant = messages[index];
  if (assistant?.role !== 'assistant' || !Array.isArray(assistant.tool_calls)) return false;
  return !Array.isArray(assistant.thinking_blocks) || assistant.thinking_blocks.length === 0;
}
