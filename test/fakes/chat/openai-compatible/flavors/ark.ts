import type { ChatRequest } from '../chat-request';
import type { FlavorConfig } from '../flavor-config';
import { valueAt } from '../json-path';
import { randomHex, VendorHttpError, type RequestProblem } from '../vendor-error';

/**
 * Volcengine Ark (text-providers.md §1.8, providers.md §5.7): `{error:{code,message,param,type}}`
 * with Ark's own code names and the request id at the end of every message; Doubao's
 * thinking in `reasoning_content`.
 */
const newRequestId = () => `0217${Date.now()}${randomHex(16)}`;

/** `thinking: {type}` (§1.8); `auto` lets the model decide, so only `enabled` always reasons here. */
const THINKING_TYPES: readonly unknown[] = ['enabled', 'disabled', 'auto'];

/** Ark's words for a type the model does not take (CherryHQ/cherry-studio#7593, dify-official-plugins#1187). */
function checkThinkingType(request: ChatRequest): RequestProblem | undefined {
  const { thinking } = request.body;
  if (thinking === undefined || thinking === null) return undefined;
  const type = valueAt(thinking, 'type');
  return THINKING_TYPES.includes(type) ? undefined : { message: `Unsupported thinking type for the current model: ${String(type)}`, param: null, code: null };
}

function arkError(status: number, code: string, message: string, type: string, param = ''): VendorHttpError {
  return new VendorHttpError(status, { error: { code, message: `${message} Request id: ${newRequestId()}`, param, type } });
}

export const ark: FlavorConfig = {
  flavor: 'ark',
  basePath: '/api/v3',
  routePrefixes: ['/api/v3'],
  defaultModel: 'doubao-seed-1-6-251015',
  ownedBy: 'volcengine',
  // Ark's completion id is its request id.
  newCompletionId: newRequestId,
  validate: checkThinkingType,
  thinkingEnabled: (request) => valueAt(request.body, 'thinking', 'type') === 'enabled',
  errors: {
    badKey: () => arkError(401, 'AuthenticationError', 'The API key in the request is missing or invalid.', 'Unauthorized'),
    rateLimited: (model) =>
      arkError(
        429,
        'ModelAccountTpmRateLimitExceeded',
        `The request has exceeded the account's tokens per minute (TPM) limit for model ${model}. Please try again later.`,
        'TooManyRequests',
      ),
    serverError: () => arkError(500, 'InternalServiceError', 'The service encountered an unexpected internal error.', 'InternalServerError'),
    invalidRequest: (problem) =>
      arkError(
        400,
        problem.code === 'missing_required_parameter' ? 'MissingParameter' : 'InvalidParameter',
        problem.message,
        'BadRequest',
        problem.param ?? '',
      ),
    modelNotFound: (model) =>
      arkError(404, 'InvalidEndpointOrModel.NotFound', `The model or endpoint ${model} does not exist or you do not have access to it.`, 'NotFound'),
    routeNotFound: (method, path) => arkError(404, 'NotFound', `The requested resource ${method} ${path} was not found.`, 'NotFound'),
    streamError: () => ({ error: { message: 'The service encountered an unexpected internal error.', type: 'server_error', code: 'internal_error' } }),
  },
  reasoningField: 'reasoning_content',
  usageExtras: (counts) => ({ prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: counts.reasoningTokens } }),
  stream: { usage: 'requested' },
};
