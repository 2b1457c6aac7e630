import type { FlavorConfig } from '../flavor-config';
import type { ChatRequest } from '../chat-request';
import { maskKey, openAIEnvelope, randomHex, VendorHttpError, type RequestProblem } from '../vendor-error';
import { checkUnknownFields } from './openai-unknown-fields';

/** One per fake process, like the backend build a real fingerprint names. */
const SYSTEM_FINGERPRINT = `fp_${randomHex(5)}`;

/** gpt-5.x and the o-series refuse legacy parameters, in OpenAI's words (text-providers.md §1.1). */
function reasoningModelRules(request: ChatRequest): RequestProblem | undefined {
  if (!/^(?:gpt-5|o\d)/.test(request.model)) return undefined;
  if (request.body.max_tokens !== undefined) {
    return { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", param: 'max_tokens', code: 'unsupported_parameter' };
  }
  const temperature = request.body.temperature;
  if (temperature !== undefined && temperature !== 1) {
    return { message: `Unsupported value: 'temperature' does not support ${String(temperature)} with this model. Only the default (1) value is supported.`, param: 'temperature', code: 'unsupported_value' };
  }
  return undefined;
}

/** api.openai.com/v1 (text-providers.md §1.1): the dialect the others imitate. */
export const openai: FlavorConfig = {
  flavor: 'openai',
  basePath: '/v1',
  routePrefixes: ['/v1'],
  defaultModel: 'gpt-5-mini',
  ownedBy: 'system',
  newCompletionId: () => `chatcmpl-${randomHex(15)}`,
  // Schema first: an unknown field is refused before any model rule is looked at.
  validate: (request) => checkUnknownFields(request) ?? reasoningModelRules(request),
  errors: {
    badKey(presented) {
      const message =
        presented === undefined
          ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys."
          : `Incorrect API key provided: ${maskKey(presented, 5, 3)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
      return new VendorHttpError(401, openAIEnvelope(message, 'invalid_request_error', null, 'invalid_api_key'));
    },
    rateLimited: (model) =>
      new VendorHttpError(
        429,
        openAIEnvelope(
          `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 1s.`,
          'requests',
          null,
          'rate_limit_exceeded',
        ),
      ),
    serverError: () =>
      new VendorHttpError(
        500,
        openAIEnvelope('The server had an error while processing your request. Sorry about that!', 'server_error', null, 'server_error'),
      ),
    invalidRequest: (problem) => new VendorHttpError(400, openAIEnvelope(problem.message, 'invalid_request_error', problem.param, problem.code)),
    modelNotFound: (model) =>
      new VendorHttpError(
        404,
        openAIEnvelope(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found'),
      ),
    routeNotFound: (method, path) => new VendorHttpError(404, openAIEnvelope(`Invalid URL (${method} ${path})`, 'invalid_request_error', null, null)),
    streamError: () => ({ error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: 'internal_error' } }),
  },
  completionExtras: () => ({ service_tier: 'default', system_fingerprint: SYSTEM_FINGERPRINT }),
  messageExtras: { refusal: null, annotations: [] },
  usageExtras: (counts) => ({
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: counts.reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  }),
  responseHeaders: () => ({ 'x-request-id': `req_${randomHex(16)}`, 'openai-processing-ms': '7' }),
  stream: {
    usage: 'requested',
    // Random padding so chunk sizes do not leak token lengths; `usage: null` on every chunk once usage was asked for.
    chunkExtras: ({ includeUsage }) => ({
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      ...(includeUsage ? { usage: null } : {}),
      obfuscation: randomHex(1 + Math.floor(Math.random() * 6)),
    }),
  },
};
