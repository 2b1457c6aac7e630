import { VendorHttpError } from '../openai-compatible/vendor-error';

/**
 * How api.perplexity.ai says no. JSON errors use the envelope Perplexity's migration notes
 * document, `{"error": {message, type, code, param?}}` with `code` the HTTP status; a bad key
 * is answered by the openresty proxy in front with an HTML page (text-providers.md §1.6).
 * The words of the retired endpoint's answer are not known: that 410 is this fake's own.
 */
export function perplexityError(status: number, message: string, type: string, param?: string): VendorHttpError {
  return new VendorHttpError(status, { error: { message, type, code: status, ...(param === undefined ? {} : { param }) } });
}

const UNAUTHORIZED_HTML =
  '<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>openresty/1.27.4</center></body></html>';

export const badKey = () => new VendorHttpError(401, UNAUTHORIZED_HTML, {}, 'text/html');

/** The Agent API refuses any field it does not know, top-level or nested. */
export const unknownField = (name: string) => perplexityError(400, `invalid request body: json: unknown field "${name}"`, 'invalid_request', name);

export const invalidRequest = (message: string, param?: string) => perplexityError(400, message, 'invalid_request', param);

export const invalidModel = (model: string) =>
  perplexityError(400, `Invalid model '${model}'. Model ids take the provider/model form (perplexity/sonar, openai/gpt-5.1); see https://docs.perplexity.ai/docs/agent-api/models.`, 'invalid_model', 'model');

export const invalidPreset = (preset: string) => perplexityError(400, `Invalid preset '${preset}'. Presets are fast, low, medium, high and xhigh.`, 'invalid_parameter', 'preset');

export const rateLimited = () => perplexityError(429, 'Rate limit exceeded. Please slow down your requests.', 'request_rate_limit_exceeded').withHeaders({ 'retry-after': '1' });

export const serverError = () => perplexityError(500, 'Internal server error', 'internal_error');

export const notFound = () => perplexityError(404, 'Not Found', 'not_found');

export const retiredEndpoint = (path: string) =>
  perplexityError(
    410,
    `POST ${path}: the Sonar chat completions API was retired on 2026-09-27. Use the Agent API, POST /v1/agent (https://docs.perplexity.ai/docs/agent-api/migrate-from-sonar).`,
    'endpoint_retired',
  );

/** What a run that fails after its 200 ends with (`response.failed`, its error at the top level as the SDK types it). */
export const failedEvent = (sequence: number) => ({ type: 'response.failed', sequence_number: sequence, error: { message: 'Internal server error', type: 'internal_error', code: 'internal_error' } });
