import type { ChatUsage } from '../contract/chat-model';
import { readOpenAIUsage } from './openai-usage';

export interface ChunkReading {
  /** The vendor's in-stream error object (OpenRouter `error`, a bare `{error}` event), if any. */
  error?: Record<string, unknown>;
  /** Carries something a client shows or acts on: text, reasoning, a tool call, a finish reason. */
  output: boolean;
  /** The final `choices: []` chunk that only reports usage. */
  usageOnly: boolean;
  finished: boolean;
  usage?: ChatUsage;
}

/**
 * What one streamed chunk holds. Parsed to know where the commit point is and what the
 * usage was; the chunk itself is passed on as the vendor's text, never re-serialised.
 */
export function readChunk(parsed: unknown): ChunkReading {
  const root = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') return { output: false, usageOnly: false, finished: false };
  const usage = readOpenAIUsage(root.usage);
  const choices = Array.isArray(root.choices) ? (root.choices as Array<Record<string, unknown>>) : [];
  const error = root.error && typeof root.error === 'object' ? (root.error as Record<string, unknown>) : undefined;
  let output = false;
  let finished = false;
  for (const choice of choices) {
    const delta = (choice.delta ?? choice.message) as Record<string, unknown> | undefined;
    if (choice.finish_reason !== null && choice.finish_reason !== undefined && choice.finish_reason !== 'error') finished = true;
    if (finished || hasOutput(delta)) output = true;
  }
  return { error, output, usageOnly: choices.length === 0 && usage !== undefined, finished, ...(usage ? { usage } : {}) };
}

function hasOutput(delta: Record<string, unknown> | undefined): boolean {
  if (!delta) return false;
  if (typeof delta.content === 'string' && delta.content !== '') return true;
  if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) return true;
  if (typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '') return true;
  if (typeof delta.reasoning === 'string' && delta.reasoning !== '') return true;
  return typeof delta.refusal === 'string' && delta.refusal !== '';
}
