import type { FlavorConfig } from '../flavor-config';
import { geminiToolCallId } from '../tool-call-ids';
import { randomHex, VendorHttpError } from '../vendor-error';
import { checkThinkingKnobs } from './gemini-thinking';
import { checkThoughtSignatures, thoughtSignatureExtras } from './gemini-thought-signatures';

/**
 * Gemini's OpenAI-compatible endpoint (text-providers.md §1.3): the completion is OpenAI's,
 * but errors are Google's `google.rpc.Status` wrapped in a JSON array, and a wrong key is a
 * 400. The OpenAI SDK finds no `error` in an array, so the body only reaches a client that
 * reads it raw. Gemini 3 models sign their tool calls and refuse a turn replayed without the
 * signatures (./gemini-thought-signatures.ts).
 */
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

function googleError(code: number, status: string, message: string, details?: Record<string, unknown>[]): VendorHttpError {
  return new VendorHttpError(code, [{ error: { code, message, status, ...(details ? { details } : {}) } }]);
}

export const gemini: FlavorConfig = {
  flavor: 'gemini',
  basePath: '/v1beta/openai',
  routePrefixes: ['/v1beta/openai'],
  defaultModel: 'gemini-2.5-flash-lite',
  ownedBy: 'google',
  listedModelId: (model) => `models/${model}`,
  jsonContentType: 'application/json; charset=UTF-8',
  newCompletionId: () => randomHex(14),
  newToolCallId: geminiToolCallId,
  toolCallExtras: thoughtSignatureExtras,
  validate: (request, context) => checkThinkingKnobs(request) ?? checkThoughtSignatures(request, context),
  errors: {
    badKey: (presented) =>
      presented === undefined
        ? googleError(
            401,
            'UNAUTHENTICATED',
            'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
          )
        : googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
            { '@type': ERROR_INFO, reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
          ]),
    rateLimited: () =>
      googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.'),
    // Overload is what Gemini users meet far more often than a bare INTERNAL.
    serverError: () => googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
    invalidRequest: (problem) => googleError(400, 'INVALID_ARGUMENT', problem.message),
    modelNotFound: (model) =>
      googleError(404, 'NOT_FOUND', `models/${model} is not found for API version v1main, or is not supported for generateContent.`),
    routeNotFound: (method, path) => googleError(404, 'NOT_FOUND', `Method not found: ${method} ${path}.`),
    // In-stream it is the bare object, not the array the HTTP errors use.
    streamError: () => ({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }),
  },
  stream: { usage: 'requested' },
};
