import type { ChatUsage } from '@reelay/providers';

/** Anthropic's usage object, as the Messages API answers it. */
export interface MessagesUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * The neutral usage in Anthropic's terms. OpenAI's `prompt_tokens` includes cache reads and
 * Anthropic's `input_tokens` does not, so the reads are subtracted (text-providers.md §2.2).
 * Cache writes are not told apart in the neutral usage: they stay inside `input_tokens`.
 */
export function toMessagesUsage(usage: ChatUsage): MessagesUsage {
  const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
  return { input_tokens: usage.promptTokens - cached, output_tokens: usage.completionTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: cached };
}

/** When the vendor reported nothing: the input estimate and about four characters a token of what was written. */
export function estimatedUsage(inputTokens: number, outputCharacters: number): ChatUsage {
  const completion = Math.ceil(outputCharacters / 4);
  return { promptTokens: inputTokens, completionTokens: completion, totalTokens: inputTokens + completion };
}

/**
 * Chat Completions' finish reasons as Messages' stop reasons. A vendor that calls a tool but
 * says `stop` (some do) still gets `tool_use`: agents loop on it. Which stop sequence matched is
 * not in the neutral answer, so `stop_sequence` stays null.
 */
export function stopReasonOf(finishReason: unknown, calledTools: boolean): 'end_turn' | 'max_tokens' | 'tool_use' | 'refusal' {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return calledTools ? 'tool_use' : 'end_turn';
  }
}
