import { anthropicChatAdapter } from './anthropic/anthropic-chat';
import type { ChatAdapter } from './contract/chat-model';
import { arkChatVendor } from './ark/ark-chat';
import { dashScopeChatVendor } from './dashscope/dashscope-chat';
import { deepSeekChatVendor } from './deepseek/deepseek-chat';
import { geminiChatVendor } from './gemini/gemini-chat';
import { openAIChatVendor } from './openai/openai-chat';
import { createOpenAICompatibleChatModel } from './openai-compatible/openai-compatible-chat';
import type { OpenAICompatibleVendor } from './openai-compatible/openai-compatible-vendor';
import { openRouterChatVendor } from './openrouter/openrouter-chat';
import { perplexityChatAdapter } from './perplexity/perplexity-chat';
import { vertexClaudeChatAdapter } from './vertex_ai/vertex-chat';
import { xaiChatVendor } from './xai/xai-chat';

const compatible = (vendor: OpenAICompatibleVendor): ChatAdapter => ({ create: (settings) => createOpenAICompatibleChatModel(vendor, settings) });

/** The one map of chat adapters, keyed by LiteLLM prefix; the catalog lists the same vendors. */
export const chatAdapters: Readonly<Record<string, ChatAdapter>> = {
  openai: compatible(openAIChatVendor),
  xai: compatible(xaiChatVendor),
  // The Agent API, translated both ways (Sonar chat completions are retired).
  perplexity: perplexityChatAdapter,
  dashscope: compatible(dashScopeChatVendor),
  volcengine: compatible(arkChatVendor('volcengine')),
  byteplus: compatible(arkChatVendor('byteplus')),
  openrouter: compatible(openRouterChatVendor),
  deepseek: compatible(deepSeekChatVendor),
  gemini: compatible(geminiChatVendor),
  // Translated both ways: Messages is not Chat Completions.
  anthropic: anthropicChatAdapter,
  // Claude on Vertex AI: the same translation, Google's URL and OAuth token.
  vertex_ai: vertexClaudeChatAdapter,
};
