/**
 * The usage rules of ../chat-fake.ts in Anthropic's shape. `input_tokens` excludes cache
 * reads (text-providers.md §1.2), so with a cache breakpoint the prompt is split 10 / rest:
 * the OpenAI-side prompt count is only right if a translator adds the cache tokens back.
 */
import type { MessagesRequest } from './messages-request';

export const REASONING_TOKENS = 5;
export const TOOL_CALL_TOKENS = 10;
const CACHE_READ_TOKENS = 10;

export interface InputUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * ceil(characters / 4) over the system prompt, text blocks and tool results: the text an
 * OpenAI-shaped request carries as message content. Tool-call arguments, images and replayed
 * thinking do not count.
 */
export function promptTokens(request: Pick<MessagesRequest, 'systemText' | 'turns'>): number {
  let characters = request.systemText.length;
  for (const turn of request.turns) {
    for (const block of turn.blocks) {
      if (block.type === 'text' || block.type === 'tool_result') characters += block.text.length;
    }
  }
  return Math.ceil(characters / 4);
}

export function inputUsage(prompt: number, cacheBreakpoints: number): InputUsage {
  const cached = cacheBreakpoints > 0 ? Math.min(CACHE_READ_TOKENS, prompt) : 0;
  return { input_tokens: prompt - cached, cache_creation_input_tokens: 0, cache_read_input_tokens: cached };
}
