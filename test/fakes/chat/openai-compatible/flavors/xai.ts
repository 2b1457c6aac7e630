import { randomUUID } from 'node:crypto';
import type { ChatRequest } from '../chat-request';
import type { FlavorConfig } from '../flavor-config';
import { maskKey, VendorHttpError, type RequestProblem } from '../vendor-error';

/**
 * api.x.ai/v1 (text-providers.md §1.5). Its errors are gRPC-status words in `code` and a
 * plain string in `error`, and a wrong key is a 400, not a 401: the OpenAI SDK then reads
 * the whole body as the message, which is what a gateway's error mapping must cope with.
 */
const xaiError = (status: number, code: string, error: string) => new VendorHttpError(status, { code, error });
const INVALID_ARGUMENT = 'Client specified an invalid argument';

/**
 * The variant-named models reason (or not) by their name and take no effort dial (§1.5): xAI
 * refuses it by its internal field name (hermes-agent#23435, chenyme/grok2api#814, lobehub#14190).
 */
function checkReasoningEffort(request: ChatRequest): RequestProblem | undefined {
  if (!request.model.includes('-reasoning') || request.body.reasoning_effort === undefined) return undefined;
  return { message: `Model ${request.model} does not support parameter reasoningEffort.`, param: 'reasoning_effort', code: null };
}

export const xai: FlavorConfig = {
  flavor: 'xai',
  basePath: '/v1',
  routePrefixes: ['/v1'],
  defaultModel: 'grok-4-1-fast-reasoning',
  ownedBy: 'xai',
  newCompletionId: () => randomUUID(),
  validate: checkReasoningEffort,
  errors: {
    badKey: (presented) =>
      presented === undefined
        ? xaiError(401, 'The request does not have valid authentication credentials', 'No credentials presented.')
        : xaiError(400, INVALID_ARGUMENT, `Incorrect API key provided: ${maskKey(presented, 2, 2)}. You can obtain an API key from https://console.x.ai.`),
    rateLimited: (model) =>
      xaiError(429, 'Too many requests', `Your team has exceeded its rate limit for ${model}. Please retry after a short wait.`),
    serverError: () => xaiError(500, 'Internal error', 'The service encountered an internal error. Please try again later.'),
    invalidRequest: (problem) => xaiError(400, INVALID_ARGUMENT, problem.message),
    modelNotFound: (model) =>
      xaiError(404, 'Some requested entity was not found', `The model ${model} does not exist or your team does not have access to it.`),
    routeNotFound: (method, path) => xaiError(404, 'Some requested entity was not found', `No route for ${method} ${path}.`),
    streamError: () => ({ error: { message: 'The service encountered an internal error.', type: 'server_error', code: 'internal_error' } }),
  },
  // grok-4.x reasons but shows none of it on Chat Completions (§1.5): no reasoningField.
  usageExtras: () => ({ completion_tokens_details: { reasoning_tokens: 0 }, num_sources_used: 0 }),
  stream: { usage: 'requested' },
};
