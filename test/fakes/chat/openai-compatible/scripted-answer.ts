import type { ChatRequest } from './chat-request';
import type { ChatMarkers } from '../chat-markers';
import type { FlavorConfig } from './flavor-config';
import { openAIToolCallId } from './tool-call-ids';

/** Token counts of one answer; ../chat-fake.ts defines the rule, so tests can predict them exactly. */
export interface UsageCounts {
  promptTokens: number;
  completionTokens: number;
  /** 5 when visible reasoning was produced, else 0 (already inside `completionTokens`). */
  reasoningTokens: number;
}

export interface ScriptedToolCall {
  id: string;
  name: string;
  /** Streamed one per chunk; joined they are the full arguments JSON. */
  argumentPieces: readonly string[];
  /** Flavor fields on the call (Gemini's `extra_content`), on the message and on the call's first delta. */
  extras?: Record<string, unknown>;
}

/** What the "model" says, decided before a byte is written so stream and non-stream agree. */
export interface ScriptedAnswer {
  reasoningPieces: string[];
  contentPieces: string[];
  /** Empty unless the answer is a tool call; several are parallel calls. */
  toolCalls: ScriptedToolCall[];
  finishReason: 'stop' | 'tool_calls';
  usage: UsageCounts;
}

const REASONING_PIECES = ['Let me', ' think', ' about that.'];
const REASONING_TOKENS = 5;
/** Per call. */
export const TOOL_CALL_TOKENS = 10;

export function scriptAnswer(config: FlavorConfig, request: ChatRequest, markers: ChatMarkers): ScriptedAnswer {
  const promptTokens = Math.ceil(request.messages.reduce((sum, message) => sum + message.text.length, 0) / 4);
  const thinks = markers.reasoning || config.thinkingEnabled?.(request) === true;
  const reasoningPieces = config.reasoningField !== undefined && thinks ? [...REASONING_PIECES] : [];
  const reasoningTokens = reasoningPieces.length > 0 ? REASONING_TOKENS : 0;
  // A vendor only calls a tool it was offered; without one `[tool]` gets a plain answer.
  const toolName = request.firstToolName;
  if (markers.toolCalls > 0 && toolName !== undefined) {
    const toolCalls = Array.from({ length: markers.toolCalls }, (_, index) => toolCall(config, request.model, toolName, index));
    return {
      reasoningPieces,
      contentPieces: [],
      toolCalls,
      finishReason: 'tool_calls',
      usage: { promptTokens, completionTokens: reasoningTokens + TOOL_CALL_TOKENS * toolCalls.length, reasoningTokens },
    };
  }
  const contentPieces = markers.long === undefined ? ['Hello', ' from', ` ${config.flavor}`] : wordPieces(markers.long);
  return {
    reasoningPieces,
    contentPieces,
    toolCalls: [],
    finishReason: 'stop',
    usage: { promptTokens, completionTokens: reasoningTokens + contentPieces.length, reasoningTokens },
  };
}

/** `{"city":"Paris"}`, then `{"city":"Paris-2"}`, …: parallel calls a test can tell apart. */
function toolCall(config: FlavorConfig, model: string, name: string, index: number): ScriptedToolCall {
  const id = config.newToolCallId?.(index) ?? openAIToolCallId();
  const city = index === 0 ? 'Paris' : `Paris-${index + 1}`;
  const call: ScriptedToolCall = { id, name, argumentPieces: ['{"city":', `"${city}"}`] };
  const extras = config.toolCallExtras?.({ model, index, id, name });
  if (extras) call.extras = extras;
  return call;
}

function wordPieces(count: number): string[] {
  return Array.from({ length: count }, (_, index) => (index === 0 ? 'w1' : ` w${index + 1}`));
}
