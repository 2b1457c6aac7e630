import type { FlavorConfig } from '../flavor-config';
import { randomHex, VendorHttpError } from '../vendor-error';

/**
 * openrouter.ai/api/v1 (text-providers.md §1.9): numeric `error.code`, upstream details in
 * `metadata`, keep-alive comments, usage always on the last chunk, and failures inside a
 * 200 stream as a chunk with `error` and `finish_reason: "error"`.
 */
const PROVIDER = 'OpenAI';

const openrouterError = (status: number, message: string, metadata?: Record<string, unknown>) =>
  new VendorHttpError(status, { error: { code: status, message, ...(metadata ? { metadata } : {}) } });

export const openrouter: FlavorConfig = {
  flavor: 'openrouter',
  basePath: '/api/v1',
  routePrefixes: ['/api/v1'],
  defaultModel: 'openai/gpt-5-mini',
  ownedBy: 'openai',
  newCompletionId: () => `gen-${Math.floor(Date.now() / 1000)}-${randomHex(10)}`,
  errors: {
    // A missing key and an unknown one are told apart by the message only.
    badKey: (presented) => openrouterError(401, presented === undefined ? 'No auth credentials found' : 'User not found.'),
    rateLimited: (model) =>
      openrouterError(429, 'Rate limit exceeded', {
        provider_name: PROVIDER,
        raw: `${model} is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits.`,
      }),
    serverError: () => openrouterError(502, 'Provider returned error', { provider_name: PROVIDER, raw: 'upstream connect error' }),
    invalidRequest: (problem) => openrouterError(400, problem.message),
    modelNotFound: (model) => openrouterError(400, `${model} is not a valid model ID`),
    routeNotFound: () => openrouterError(404, 'Not Found'),
    streamError: (head) => ({
      ...head,
      provider: PROVIDER,
      error: { code: 502, message: 'Provider returned error' },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    }),
  },
  reasoningField: 'reasoning',
  completionExtras: () => ({ provider: PROVIDER }),
  messageExtras: { refusal: null, reasoning: null },
  usageExtras: ({ promptTokens, completionTokens, reasoningTokens }) => ({
    cost: Math.round((promptTokens * 0.25 + completionTokens * 2) * 1e3) / 1e9,
    is_byok: false,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  }),
  responseHeaders: (completionId) => ({ 'x-generation-id': completionId }),
  stream: {
    preamble: [': OPENROUTER PROCESSING', ': OPENROUTER PROCESSING'],
    usage: 'always',
    chunkExtras: () => ({ provider: PROVIDER }),
  },
};
