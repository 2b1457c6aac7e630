import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';
import { geminiOpenAICompatibleBase } from './gemini-base-url';

/**
 * Gemini through its OpenAI-compatible endpoint (`/v1beta/openai`). Its errors are Google's
 * JSON arrays, and a bad key is a 400 `API_KEY_INVALID` (text-providers.md §1.3).
 */
export const geminiChatVendor: OpenAICompatibleVendor = {
  provider: 'gemini',
  label: 'Gemini',
  chatUrl: (apiBase) => chatCompletionsUrl(geminiOpenAICompatibleBase(apiBase)),
  streamUsage: 'ask',
};
