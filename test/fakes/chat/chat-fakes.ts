import { startAnthropicFake } from './anthropic/index';
import type { ChatFake, ChatFakeOptions, ChatFlavor } from './chat-fake';
import { startOpenAICompatibleChatFake } from './openai-compatible/index';

/**
 * Every text fake, keyed by the LiteLLM prefix a config writes for it. Ark serves both
 * `volcengine/` and `byteplus/`; one fake stands for the pair here.
 */
export const chatFakes: Readonly<Record<string, { flavor: ChatFlavor; start(options: ChatFakeOptions): Promise<ChatFake> }>> = {
  openai: { flavor: 'openai', start: (options) => startOpenAICompatibleChatFake('openai', options) },
  xai: { flavor: 'xai', start: (options) => startOpenAICompatibleChatFake('xai', options) },
  perplexity: { flavor: 'perplexity', start: (options) => startOpenAICompatibleChatFake('perplexity', options) },
  dashscope: { flavor: 'dashscope', start: (options) => startOpenAICompatibleChatFake('dashscope', options) },
  volcengine: { flavor: 'ark', start: (options) => startOpenAICompatibleChatFake('ark', options) },
  openrouter: { flavor: 'openrouter', start: (options) => startOpenAICompatibleChatFake('openrouter', options) },
  deepseek: { flavor: 'deepseek', start: (options) => startOpenAICompatibleChatFake('deepseek', options) },
  gemini: { flavor: 'gemini', start: (options) => startOpenAICompatibleChatFake('gemini', options) },
  anthropic: { flavor: 'anthropic', start: startAnthropicFake },
};
