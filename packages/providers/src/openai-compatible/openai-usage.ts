import type { ChatUsage } from '../contract/chat-model';

/** OpenAI's `usage` (and DeepSeek's `prompt_cache_hit_tokens`) as ChatUsage; undefined when absent. */
export function readOpenAIUsage(usage: unknown): ChatUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const u = usage as Record<string, unknown>;
  const prompt = num(u.prompt_tokens);
  const completion = num(u.completion_tokens);
  if (prompt === undefined && completion === undefined) return undefined;
  const details = u.prompt_tokens_details as Record<string, unknown> | null | undefined;
  const cached = num(details?.cached_tokens) ?? num(u.prompt_cache_hit_tokens);
  const result: ChatUsage = {
    promptTokens: prompt ?? 0,
    completionTokens: completion ?? 0,
    totalTokens: num(u.total_tokens) ?? (prompt ?? 0) + (completion ?? 0),
  };
  if (cached !== undefined) result.cachedTokens = cached;
  return result;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
