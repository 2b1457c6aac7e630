import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';
import { geminiOpenAICompatibleBase } from './gemini-base-url';
import { geminiReasoning } from './gemini-reasoning';

/** Gemini 3 and later check the signatures of the current turn's function calls; 2.5 hands them out without checking. */
const SIGNATURES_REQUIRED = /^gemini-(?:[3-9]|\d{2,})/i;

/**
 * Gemini through its OpenAI-compatible endpoint (`/v1beta/openai`). Its errors are Google's
 * JSON arrays, and a bad key is a 400 `API_KEY_INVALID` (text-providers.md §1.3).
 */
export const geminiChatVendor: OpenAICompatibleVendor = {
  provider: 'gemini',
  label: 'Gemini',
  chatUrl: (apiBase) => chatCompletionsUrl(geminiOpenAICompatibleBase(apiBase)),
  streamUsage: 'ask',
  reasoning: geminiReasoning,
  // Thought signatures ride on tool calls as `extra_content.google.thought_signature`; the first
  // call of a parallel set carries one, the rest none (text-providers.md §1.3, §1.4).
  reasoningReplay: (model) => ({ family: 'gemini', reasoningContent: 'stripped', thinkingBlocks: false, thoughtSignatures: SIGNATURES_REQUIRED.test(model) ? 'required' : 'kept' }),
};
