import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';
import { deepSeekReasoning } from './deepseek-reasoning';

export const DEEPSEEK_DEFAULT_BASE_URL = 'https://api.deepseek.com';

/** DeepSeek: 402 for an empty balance, 422 for bad parameters, keep-alive comments while queued (text-providers.md §1.10). */
export const deepSeekChatVendor: OpenAICompatibleVendor = {
  provider: 'deepseek',
  label: 'DeepSeek',
  chatUrl: (apiBase) => chatCompletionsUrl(apiBase?.trim() || DEEPSEEK_DEFAULT_BASE_URL),
  streamUsage: 'ask',
  reasoning: deepSeekReasoning,
  // V4 in thinking mode answers 400 unless every assistant turn with tool calls brings its reasoning_content back.
  reasoningReplay: { family: 'deepseek', reasoningContent: 'required', thinkingBlocks: false, thoughtSignatures: 'stripped' },
};
