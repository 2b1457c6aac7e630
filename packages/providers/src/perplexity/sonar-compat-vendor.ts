import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';

const NO_TOOLS = ['tools', 'tool_choice', 'parallel_tool_calls'];

/**
 * Sonar chat completions on a host that still serves them (an `api_base` ending in
 * `/chat/completions`, see perplexity-base-url.ts): the pass-through path reelay used before
 * Perplexity retired the endpoint. Answers keep `citations` and `search_results` as they come;
 * usage arrives on the chunks unasked; no tool calling; a bad key is an HTML 401 page.
 */
export const sonarCompatVendor: OpenAICompatibleVendor = {
  provider: 'perplexity',
  label: 'Perplexity (Sonar chat completions)',
  chatUrl: (apiBase) => chatCompletionsUrl(apiBase ?? ''),
  streamUsage: 'always',
  unsupportedParams: (body) => NO_TOOLS.filter((param) => body[param] !== undefined).map((param) => ({ param, reason: 'Perplexity Sonar has no tool calling' })),
};
