import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';
import { resolveOpenAIBaseUrl } from './openai-base-url';
import { OPENAI_REASONING_MODEL as REASONING_MODEL, openAIReasoning } from './openai-reasoning';

/** OpenAI itself, and any OpenAI-compatible host given as `openai/<model>` with an `api_base` (PerfXCloud, vLLM, …). */
export const openAIChatVendor: OpenAICompatibleVendor = {
  provider: 'openai',
  label: 'OpenAI',
  chatUrl: (apiBase) => chatCompletionsUrl(resolveOpenAIBaseUrl(apiBase)),
  streamUsage: 'ask',
  reasoning: openAIReasoning,
  // OpenAI's reasoning models refuse max_tokens ("Use 'max_completion_tokens' instead"); other hosts keep what they document.
  renamedParams: (body, model) => (body.max_tokens !== undefined && body.max_completion_tokens === undefined && REASONING_MODEL.test(model) ? [{ from: 'max_tokens', to: 'max_completion_tokens' }] : []),
  unsupportedParams(body, model) {
    if (!REASONING_MODEL.test(model) || body.temperature === undefined || body.temperature === null || body.temperature === 1) return [];
    return [{ param: 'temperature', reason: `${model} only takes the default temperature 1` }];
  },
};
