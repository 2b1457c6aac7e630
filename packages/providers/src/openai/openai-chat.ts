import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';
import { resolveOpenAIBaseUrl } from './openai-base-url';

/** OpenAI itself, and any OpenAI-compatible host given as `openai/<model>` with an `api_base` (PerfXCloud, vLLM, …). */
export const openAIChatVendor: OpenAICompatibleVendor = {
  provider: 'openai',
  label: 'OpenAI',
  chatUrl: (apiBase) => chatCompletionsUrl(resolveOpenAIBaseUrl(apiBase)),
  streamUsage: 'ask',
};
