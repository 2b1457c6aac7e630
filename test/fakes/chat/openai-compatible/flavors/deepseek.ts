import { randomUUID } from 'node:crypto';
import type { FlavorConfig } from '../flavor-config';
import { deepseekToolCallId } from '../tool-call-ids';
import { openAIEnvelope, VendorHttpError } from '../vendor-error';
import { checkDeepseekThinking, deepseekThinkingOn } from './deepseek-thinking';

/**
 * api.deepseek.com (text-providers.md §1.10): OpenAI's envelope with its own codes, a 503
 * when overloaded, `: keep-alive` while a request is queued, cache-hit counts in usage and
 * V4 thinking in `reasoning_content`, which tool-call turns must replay (./deepseek-thinking.ts).
 */
const deepseekError = (status: number, message: string, type: string, code: string) =>
  new VendorHttpError(status, openAIEnvelope(message, type, null, code));

/** A short key shows nothing, so a test key never leaks whole. */
const lastFour = (presented: string | undefined) => (presented !== undefined && presented.length >= 10 ? presented.slice(-4) : '');

export const deepseek: FlavorConfig = {
  flavor: 'deepseek',
  basePath: '',
  routePrefixes: ['', '/v1'],
  defaultModel: 'deepseek-v4-flash',
  ownedBy: 'deepseek',
  newCompletionId: () => randomUUID(),
  newToolCallId: deepseekToolCallId,
  validate: checkDeepseekThinking,
  thinkingEnabled: deepseekThinkingOn,
  errors: {
    // DeepSeek quotes the key's last four characters only.
    badKey: (presented) =>
      deepseekError(401, `Authentication Fails, Your api key: ****${lastFour(presented)} is invalid`, 'authentication_error', 'invalid_request_error'),
    rateLimited: () => deepseekError(429, 'Rate Limit Reached', 'rate_limit_error', 'rate_limit_exceeded'),
    serverError: () => deepseekError(503, 'Server overloaded, please try again later.', 'server_error', 'server_overloaded'),
    invalidRequest: (problem) => deepseekError(400, problem.message, 'invalid_request_error', 'invalid_request_error'),
    // An unknown model is a 400 on DeepSeek, not a 404.
    modelNotFound: () => deepseekError(400, 'Model Not Exist', 'invalid_request_error', 'invalid_request_error'),
    routeNotFound: () => deepseekError(404, 'Not Found', 'invalid_request_error', 'invalid_request_error'),
    streamError: () => ({ error: { message: 'Server error, please try again later.', type: 'server_error', code: 'internal_error' } }),
  },
  reasoningField: 'reasoning_content',
  usageExtras: ({ promptTokens, reasoningTokens }) => ({
    prompt_tokens_details: { cached_tokens: 0 },
    prompt_cache_hit_tokens: 0,
    prompt_cache_miss_tokens: promptTokens,
    ...(reasoningTokens > 0 ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
  }),
  stream: { preamble: [': keep-alive'], usage: 'requested' },
};
