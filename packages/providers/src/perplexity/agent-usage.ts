import type { ChatUsage } from '../contract/chat-model';
import type { AgentResponse, AgentUsage } from './agent-wire';

const n = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Agent usage as ChatUsage: `input_tokens` already includes cache reads, which are the cached part. */
export function fromAgentUsage(usage: AgentUsage | null | undefined): ChatUsage | undefined {
  if (!usage) return undefined;
  const prompt = n(usage.input_tokens);
  const completion = n(usage.output_tokens);
  const result: ChatUsage = { promptTokens: prompt, completionTokens: completion, totalTokens: usage.total_tokens ?? prompt + completion };
  const cached = usage.input_tokens_details?.cache_read_input_tokens;
  if (typeof cached === 'number') result.cachedTokens = cached;
  return result;
}

/**
 * OpenAI's `usage` object, with Perplexity's `cost` kept beside the counts as Sonar had it
 * (its fields are the Agent API's: input_cost, output_cost, tool_calls_cost, total_cost).
 */
export function usageJson(usage: ChatUsage, raw: AgentUsage | null | undefined): Record<string, unknown> {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
    ...(raw?.cost ? { cost: raw.cost } : {}),
  };
}

/**
 * A finished run's status as a finish reason. `incomplete` with `max_output_tokens` is the old
 * `length`; failed and cancelled runs are errors, not answers (agentFailureOf).
 */
export function finishReasonOf(response: AgentResponse): string {
  if (response.status !== 'incomplete') return 'stop';
  const reason = response.incomplete_details?.reason ?? '';
  return /content|filter|safety/i.test(reason) ? 'content_filter' : 'length';
}
