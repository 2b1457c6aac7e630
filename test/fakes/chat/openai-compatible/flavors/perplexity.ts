import { randomUUID } from 'node:crypto';
import type { ChatRequest } from '../chat-request';
import type { FlavorConfig } from '../flavor-config';
import { VendorHttpError, type RequestProblem } from '../vendor-error';

/**
 * api.perplexity.ai (text-providers.md §1.6, providers.md §5.5): citations and search
 * results on the completion and on every stream chunk (default `stream_mode: "full"`),
 * cumulative usage with a cost, strict user/assistant alternation, no tools, and a bad key
 * answered by the openresty proxy in front with HTML, not JSON.
 */
const SEARCH_RESULTS = [
  { title: 'Paris weather today', url: 'https://example.com/paris-weather', date: '2026-11-02', snippet: 'Mild and cloudy in Paris.', source: 'web' },
  { title: 'Paris, France', url: 'https://example.org/france/paris', date: '2026-10-28', snippet: 'Paris is the capital of France.', source: 'web' },
];
const CITATIONS = SEARCH_RESULTS.map((result) => result.url);
const UNAUTHORIZED_HTML =
  '<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>openresty/1.27.4</center></body></html>';
const ALTERNATION =
  'After the (optional) system message(s), user or tool messages should alternate with assistant messages.';
/** sonar's list price: $1 per million tokens each way, plus $5 per thousand low-context requests. */
const TOKEN_PRICE = 1 / 1_000_000;
const REQUEST_PRICE = 0.005;

const perplexityError = (status: number, message: string, type: string) => new VendorHttpError(status, { error: { message, type, code: status } });

function validate(request: ChatRequest): RequestProblem | undefined {
  if (request.toolsSent) return { message: 'Tool calling is not supported for this model.', param: 'tools', code: null };
  const firstTurn = request.messages.findIndex((message) => message.role !== 'system');
  const turns = firstTurn === -1 ? [] : request.messages.slice(firstTurn);
  const alternates = turns.every((message, index) =>
    index % 2 === 0 ? message.role === 'user' || message.role === 'tool' : message.role === 'assistant',
  );
  return alternates ? undefined : { message: ALTERNATION, param: 'messages', code: null };
}

const roundCost = (dollars: number) => Math.round(dollars * 1e6) / 1e6;

export const perplexity: FlavorConfig = {
  flavor: 'perplexity',
  basePath: '',
  routePrefixes: ['', '/v1'],
  defaultModel: 'sonar',
  ownedBy: 'perplexity',
  newCompletionId: () => randomUUID(),
  errors: {
    badKey: () => new VendorHttpError(401, UNAUTHORIZED_HTML, {}, 'text/html'),
    rateLimited: () => perplexityError(429, 'Rate limit exceeded. Please slow down your requests.', 'rate_limit_exceeded'),
    serverError: () => perplexityError(500, 'Internal server error', 'internal_server_error'),
    invalidRequest: (problem) => perplexityError(400, problem.message, problem.param === 'messages' ? 'invalid_message' : 'bad_request'),
    modelNotFound: (model) =>
      perplexityError(
        400,
        `Invalid model '${model}'. Permitted models can be found in the documentation at https://docs.perplexity.ai/guides/model-cards.`,
        'invalid_model',
      ),
    routeNotFound: () => perplexityError(404, 'Not Found', 'not_found'),
    streamError: () => ({ error: { message: 'Internal server error', type: 'server_error', code: 'internal_error' } }),
  },
  validate,
  completionExtras: () => ({ citations: [...CITATIONS], search_results: SEARCH_RESULTS.map((result) => ({ ...result })) }),
  usageExtras: ({ promptTokens, completionTokens }) => {
    const input = roundCost(promptTokens * TOKEN_PRICE);
    const output = roundCost(completionTokens * TOKEN_PRICE);
    return {
      search_context_size: 'low',
      cost: { input_tokens_cost: input, output_tokens_cost: output, request_cost: REQUEST_PRICE, total_cost: roundCost(input + output + REQUEST_PRICE) },
    };
  },
  stream: {
    usage: 'every-chunk',
    chunkExtras: () => ({ citations: [...CITATIONS], search_results: SEARCH_RESULTS.map((result) => ({ ...result })) }),
  },
};
