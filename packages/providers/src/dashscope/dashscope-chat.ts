import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { chatCompletionsUrl } from '../openai-compatible/chat-url';
import { dashScopeCompatibleBase, dashScopeOrigin } from './dashscope-base-url';
import { dashScopeReasoning } from './dashscope-reasoning';

/**
 * Qwen on DashScope (Model Studio) in compatible mode, region from `api_base`. Keys belong to
 * one region, so a refused key most often means the other region's host (text-providers.md §1.7).
 */
export const dashScopeChatVendor: OpenAICompatibleVendor = {
  provider: 'dashscope',
  label: 'DashScope',
  chatUrl: (apiBase) => chatCompletionsUrl(dashScopeCompatibleBase(apiBase)),
  streamUsage: 'ask',
  reasoning: dashScopeReasoning,
  reasoningReplay: { family: 'dashscope', reasoningContent: 'kept', thinkingBlocks: false, thoughtSignatures: 'stripped' },
  authHint: (apiBase) =>
    `DashScope keys work in one region only and this deployment calls ${dashScopeOrigin(apiBase)}: a key made for another region (Beijing https://dashscope.aliyuncs.com, Singapore https://dashscope-intl.aliyuncs.com, Virginia https://dashscope-us.aliyuncs.com) is refused here, so set api_base to the key's region`,
};
