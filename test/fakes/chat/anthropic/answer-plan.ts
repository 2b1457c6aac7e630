/**
 * What the "model" answers, decided once so the JSON and the SSE forms cannot disagree:
 * thinking (when asked for and enabled), then text or a tool call, cut by a stop sequence
 * and by `max_tokens` the way Anthropic reports each (`stop_sequence`, `max_tokens`).
 */
import { newMessageId, newRedactedThinking, newThinkingSignature, newToolUseId } from './ids';
import type { MessagesRequest } from './messages-request';
import type { AnthropicMarkers } from './prompt-markers';
import { inputUsage, promptTokens, REASONING_TOKENS, TOOL_CALL_TOKENS, type InputUsage } from './usage';

export type PlannedBlock =
  | { type: 'thinking'; pieces: string[]; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; pieces: string[] }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, string>; jsonPieces: string[] };

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence';

export interface AnswerPlan {
  id: string;
  model: string;
  blocks: PlannedBlock[];
  stopReason: StopReason;
  stopSequence: string | null;
  input: InputUsage;
  outputTokens: number;
}

const GREETING = ['Hello', ' from', ' anthropic'];
const THINKING = ['The user wants an answer;', ' a short one will do.'];
const THINKING_AFTER_REDACTED = ['Back to the answer.'];
const TOOL_INPUT = { city: 'Paris' };
/** Two pieces, so a client that parses each `input_json_delta` on its own is caught. */
const TOOL_INPUT_PIECES = ['{"city"', ': "Paris"}'];

export function planAnswer(request: MessagesRequest, markers: AnthropicMarkers): AnswerPlan {
  const toolName = chosenTool(request, markers);
  const words = markers.long === undefined ? GREETING : Array.from({ length: markers.long }, (_, index) => `${index === 0 ? '' : ' '}w${index + 1}`);
  const stopped = toolName === undefined ? applyStopSequences(words, request.stopSequences) : { pieces: [], sequence: null };

  const budget = request.maxTokens ?? Number.POSITIVE_INFINITY;
  const blocks: PlannedBlock[] = [];
  let spent = 0;
  let cut = false;
  if (markers.reasoning && request.thinking) {
    // Unreachable in practice: thinking needs max_tokens above a budget of at least 1024.
    if (budget - spent < REASONING_TOKENS) cut = true;
    else {
      blocks.push({ type: 'thinking', pieces: THINKING, signature: newThinkingSignature() });
      // Thinking the safety systems flagged comes encrypted, between the readable blocks.
      if (markers.redacted) blocks.push({ type: 'redacted_thinking', data: newRedactedThinking() }, { type: 'thinking', pieces: THINKING_AFTER_REDACTED, signature: newThinkingSignature() });
      spent += REASONING_TOKENS;
    }
  }
  if (!cut && stopped.pieces.length > 0) {
    const kept = stopped.pieces.slice(0, Math.max(0, budget - spent));
    if (kept.length < stopped.pieces.length) cut = true;
    if (kept.length > 0) blocks.push({ type: 'text', pieces: kept });
    spent += kept.length;
  }
  if (!cut && toolName !== undefined) {
    // A call that does not fit is left out whole: half a JSON object helps no test.
    if (budget - spent < TOOL_CALL_TOKENS) cut = true;
    else {
      blocks.push({ type: 'tool_use', id: newToolUseId(), name: toolName, input: TOOL_INPUT, jsonPieces: TOOL_INPUT_PIECES });
      spent += TOOL_CALL_TOKENS;
    }
  }
  const stopReason: StopReason = cut ? 'max_tokens' : stopped.sequence !== null ? 'stop_sequence' : toolName !== undefined ? 'tool_use' : 'end_turn';
  return {
    id: newMessageId(),
    model: request.model,
    blocks,
    stopReason,
    stopSequence: stopReason === 'stop_sequence' ? stopped.sequence : null,
    input: inputUsage(promptTokens(request), request.cacheBreakpoints),
    // A cut answer used its whole allowance, whatever part of it was dropped.
    outputTokens: cut ? budget : spent,
  };
}

/** `tool_choice: none` forbids a call, and a named tool_choice wins over "the first tool". */
function chosenTool(request: MessagesRequest, markers: AnthropicMarkers): string | undefined {
  const { names, choice } = request.tools;
  if (!markers.tool || names.length === 0 || choice?.type === 'none') return undefined;
  return choice?.type === 'tool' ? choice.name : names[0];
}

/** Anthropic leaves the matched sequence out of the text and names it in `stop_sequence`. */
function applyStopSequences(pieces: string[], sequences: string[]): { pieces: string[]; sequence: string | null } {
  const text = pieces.join('');
  let first: { index: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    const index = text.indexOf(sequence);
    if (index >= 0 && (first === undefined || index < first.index)) first = { index, sequence };
  }
  if (first === undefined) return { pieces, sequence: null };
  const kept: string[] = [];
  let offset = 0;
  for (const piece of pieces) {
    if (offset >= first.index) break;
    kept.push(piece.slice(0, first.index - offset));
    offset += piece.length;
  }
  return { pieces: kept, sequence: first.sequence };
}
