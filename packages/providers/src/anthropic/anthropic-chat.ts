import type { ChatAdapter, ChatModel, ChatModelSettings } from '../contract/chat-model';
import { anthropicMessagesUrl } from './anthropic-base-url';
import { createAnthropicStyleChatModel } from './anthropic-style-chat';

/** The API version reelay speaks to Anthropic (the one its docs and SDKs default to). */
export const ANTHROPIC_VERSION = '2023-06-01';

/** Claude through Anthropic's Messages API, translated from and to Chat Completions both ways. */
export function createAnthropicChatModel(settings: ChatModelSettings): ChatModel {
  const url = anthropicMessagesUrl(settings.apiBase);
  // Built once: the key and version never change for a deployment.
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
    ...(settings.apiKey ? { 'x-api-key': settings.apiKey } : {}),
    ...settings.extraHeaders,
  };
  return createAnthropicStyleChatModel(
    {
      provider: 'anthropic',
      label: 'Anthropic',
      url: () => url,
      headers: () => headers,
      body: (anthropicBody) => anthropicBody,
      apiKey: settings.apiKey,
      apiKeyEnv: settings.apiKeyEnv,
    },
    settings,
  );
}

export const anthropicChatAdapter: ChatAdapter = { create: createAnthropicChatModel };
