import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';

export const PERPLEXITY_DEFAULT_BASE_URL = 'https://api.perplexity.ai';

const NO_TOOLS = ['tools', 'tool_choice', 'parallel_tool_calls'];

/**
 * Perplexity Sonar chat completions. Its answers carry `citations` and `search_results`, kept
 * as they come; usage arrives on its chunks unasked; it has no tool calling; a bad key is an
 * HTML 401 page (text-providers.md §1.6).
 */
export const perplexityChatVendor: OpenAICompatibleVendor = {
  provider: 'perplexity',
  label: 'Perplexity',
  chatUrl: (apiBase) => chatCompletionsUrl((apiBase?.trim() || PERPLEXITY_DEFAULT_BASE_URL).replace(/\/v1\/?$/i, '')),
  streamUsage: 'always',
  unsupportedParams: (body) => NO_TOOLS.filter((param) => body[param] !== undefined).map((param) => ({ param, reason: 'Perplexity Sonar has no tool calling' })),
};
