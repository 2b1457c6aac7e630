import type { ChatUsage } from '../contract/chat-model';

/**
 * Anthropic's usage as OpenAI's: its `input_tokens` leaves out cache reads and writes, so the
 * prompt is the sum of all three and the cache reads are `cached_tokens` (text-providers.md §2.2).
 */
export function fromAnthropicUsage(usage: Record<string, unknown> | undefined, outputTokens?: number): ChatUsage {
  const n = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  const cacheRead = n(usage?.cache_read_input_tokens);
  const prompt = n(usage?.input_tokens) + cacheRead + n(usage?.cache_creation_input_tokens);
  const completion = outputTokens ?? n(usage?.output_tokens);
  return { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion, cachedTokens: cacheRead };
}

export function openAIUsageJson(usage: ChatUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
  };
}

/** Messages' stop reasons as Chat Completions' finish reasons. */
export function finishReasonOf(stopReason: unknown): string {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
