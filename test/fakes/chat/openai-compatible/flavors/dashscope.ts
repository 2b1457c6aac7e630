import { randomUUID } from 'node:crypto';
import type { FlavorConfig } from '../flavor-config';
import { openAIEnvelope, VendorHttpError } from '../vendor-error';
import { checkDashscopeThinking, dashscopeThinkingOn } from './dashscope-thinking';

/**
 * DashScope / Model Studio compatible mode (text-providers.md §1.7, providers.md §5.6):
 * OpenAI's envelope plus a top-level `request_id`, Alibaba's own codes for throttling, and
 * Qwen's thinking in `reasoning_content` (./dashscope-thinking.ts).
 */
function dashscopeError(status: number, error: Record<string, unknown>): VendorHttpError {
  return new VendorHttpError(status, { error, request_id: randomUUID() });
}

export const dashscope: FlavorConfig = {
  flavor: 'dashscope',
  basePath: '/compatible-mode/v1',
  routePrefixes: ['/compatible-mode/v1'],
  defaultModel: 'qwen3-max',
  ownedBy: 'system',
  newCompletionId: () => `chatcmpl-${randomUUID()}`,
  validate: checkDashscopeThinking,
  thinkingEnabled: dashscopeThinkingOn,
  errors: {
    badKey: () =>
      dashscopeError(
        401,
        openAIEnvelope(
          'Incorrect API key provided. For details, see: https://help.aliyun.com/zh/model-studio/error-code#apikey-error',
          'invalid_request_error',
          null,
          'invalid_api_key',
        ).error,
      ),
    rateLimited: () =>
      dashscopeError(429, { code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded, please try again later.', type: 'Throttling.RateQuota' }),
    serverError: () =>
      dashscopeError(
        500,
        openAIEnvelope('An internal error has occured, please try again later or contact service support.', 'internal_error', null, 'internal_error').error,
      ),
    // Qwen's backend wraps parameter faults in its own algorithm-error prefix.
    invalidRequest: (problem) =>
      dashscopeError(
        400,
        openAIEnvelope(`<400> InternalError.Algo.InvalidParameter: ${problem.message}`, 'invalid_request_error', null, 'invalid_parameter_error').error,
      ),
    modelNotFound: (model) =>
      dashscopeError(
        404,
        openAIEnvelope(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found').error,
      ),
    routeNotFound: (method, path) =>
      dashscopeError(404, openAIEnvelope(`Not Found: ${method} ${path}`, 'invalid_request_error', null, 'NotFound').error),
    streamError: () => ({ error: { message: 'An internal error has occured, please try again later or contact service support.', type: 'server_error', code: 'internal_error' } }),
  },
  reasoningField: 'reasoning_content',
  usageExtras: (counts) => ({ prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: counts.reasoningTokens } }),
  stream: { usage: 'requested' },
};
