import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';
import { openRouterReasoning } from './openrouter-reasoning';

export const OPENROUTER_DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';

/**
 * OpenRouter: keep-alive comments while it picks a provider, usage on the last chunk unasked,
 * numeric `error.code`s, and errors inside a 200 stream (text-providers.md §1.9), all read by
 * the shared SSE reader and chunk reading.
 */
export const openRouterChatVendor: OpenAICompatibleVendor = {
  provider: 'openrouter',
  label: 'OpenRouter',
  chatUrl: (apiBase) => chatCompletionsUrl(apiBase?.trim() || OPENROUTER_DEFAULT_BASE_URL),
  streamUsage: 'always',
  reasoning: openRouterReasoning,
  reasoningReplay: { family: 'openrouter', reasoningContent: 'kept', thinkingBlocks: false, thoughtSignatures: 'stripped' },
};
