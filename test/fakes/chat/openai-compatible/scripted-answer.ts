import { randomInt } from 'node:crypto';
import type { ChatRequest } from './chat-request';
import type { ChatMarkers } from '../chat-markers';

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
}

/** What the "model" says, decided before a byte is written so stream and non-stream agree. */
export interface ScriptedAnswer {
  reasoningPieces: string[];
  contentPieces: string[];
  toolCall?: ScriptedToolCall;
  finishReason: 'stop' | 'tool_calls';
  usage: UsageCounts;
}

const REASONING_PIECES = ['Let me', ' think', ' about that.'];
const REASONING_TOKENS = 5;
export const TOOL_CALL_TOKENS = 10;
const TOOL_ARGUMENT_PIECES = ['{"city":', '"Paris"}'];
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function scriptAnswer(flavor: string, showsReasoning: boolean, request: ChatRequest, markers: ChatMarkers): ScriptedAnswer {
  const promptTokens = Math.ceil(request.messages.reduce((sum, message) => sum + message.text.length, 0) / 4);
  const reasoningPieces = showsReasoning && markers.reasoning ? [...REASONING_PIECES] : [];
  const reasoningTokens = reasoningPieces.length > 0 ? REASONING_TOKENS : 0;
  // A vendor only calls a tool it was offered; without one `[tool]` gets a plain answer.
  if (markers.tool && request.firstToolName !== undefined) {
    return {
      reasoningPieces,
      contentPieces: [],
      toolCall: { id: newToolCallId(), name: request.firstToolName, argumentPieces: TOOL_ARGUMENT_PIECES },
      finishReason: 'tool_calls',
      usage: { promptTokens, completionTokens: reasoningTokens + TOOL_CALL_TOKENS, reasoningTokens },
    };
  }
  const contentPieces = markers.long === undefined ? ['Hello', ' from', ` ${flavor}`] : wordPieces(markers.long);
  return {
    reasoningPieces,
    contentPieces,
    finishReason: 'stop',
    usage: { promptTokens, completionTokens: reasoningTokens + contentPieces.length, reasoningTokens },
  };
}

function wordPieces(count: number): string[] {
  return Array.from({ length: count }, (_, index) => (index === 0 ? 'w1' : ` w${index + 1}`));
}

/** OpenAI's shape, `call_` + 24 characters, which stays under its 40-character id limit. */
function newToolCallId(): string {
  let id = 'call_';
  for (let index = 0; index < 24; index += 1) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}
