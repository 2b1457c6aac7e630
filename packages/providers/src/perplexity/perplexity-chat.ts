import type { ChatAdapter } from '../contract/chat-model';
import { createOpenAICompatibleChatModel } from '../openai-compatible/openai-compatible-chat';
import { createPerplexityAgentChatModel } from './perplexity-agent-chat';
import { servesSonarChatCompletions } from './perplexity-base-url';
import { sonarCompatVendor } from './sonar-compat-vendor';

/**
 * Perplexity's chat adapter. Its Agent API by default; an `api_base` that names a
 * `/chat/completions` endpoint on another host keeps the old OpenAI-compatible Sonar path,
 * because that user asked for that endpoint by its path (no extra config key to learn).
 */
export const perplexityChatAdapter: ChatAdapter = {
  create: (settings) => (servesSonarChatCompletions(settings.apiBase) ? createOpenAICompatibleChatModel(sonarCompatVendor, settings) : createPerplexityAgentChatModel(settings)),
};
