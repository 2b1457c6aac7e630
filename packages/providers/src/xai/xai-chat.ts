import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';
import { xaiReasoning } from './xai-reasoning';

export const XAI_DEFAULT_BASE_URL = 'https://api.x.ai/v1';

/**
 * xAI (Grok). Its errors are `{code, error: "<string>"}`, and a bad key is a 400, which the
 * shared classifier reads from the words. Reasoning is chosen by model variant: the
 * `-reasoning` / `-non-reasoning` Grok 4.1 models refuse `reasoning_effort` (text-providers.md §1.5).
 */
export const xaiChatVendor: OpenAICompatibleVendor = {
  provider: 'xai',
  label: 'xAI',
  chatUrl: (apiBase) => chatCompletionsUrl(apiBase?.trim() || XAI_DEFAULT_BASE_URL),
  streamUsage: 'ask',
  reasoning: xaiReasoning,
};
