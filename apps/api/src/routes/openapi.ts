import { z } from 'zod';
import { chatBodySchema } from '../chat/chat-request';
import { countTokensBodySchema, messagesBodySchema } from '../messages/messages-request';
import { createVideoBodySchema } from '../video/video-request';
import { responseSchemas } from './openapi-responses';

type JsonSchema = Record<string, unknown>;

/**
 * A request schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), from the zod schema that
 * validates the request, so the document cannot drift from what is accepted: what a client may
 * send (io: input), e.g. `seconds` as a number or a numeric string. Refinements (image sizes,
 * provider_options' byte limit) have no JSON Schema form; their schemas say so in a description.
 */
export function requestJsonSchema(schema: z.ZodType, description: string): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  return { ...json, description };
}

const createVideo = requestJsonSchema(
  createVideoBodySchema,
  'A video job. Strict: a field not listed here is a 400 naming it. Whether a model takes a length, size or image is checked per model before anything is paid for.',
);

/** The generated request bodies, by component name; the test holds each against its route. */
export const requestSchemas = {
  CreateVideo: createVideo,
  // The same body; only OpenAI's /v1/videos has a default model.
  CreateVideoGeneration: { ...createVideo, required: [...(createVideo.required as string[]), 'model'] },
  ChatCompletionRequest: requestJsonSchema(
    chatBodySchema,
    'The fields reelay reads. Every other Chat Completions field (temperature, tools, response_format, …) passes to the vendor untouched; a vendor that refuses one answers a 400 naming it unless drop_params is set.',
  ),
  MessagesRequest: requestJsonSchema(
    messagesBodySchema,
    "Anthropic's Messages body, translated for the group's vendor. Fields with no counterpart (top_k, unknown ones) are dropped and named in x-reelay-dropped-params.",
  ),
  CountTokensRequest: requestJsonSchema(countTokensBodySchema, 'A Messages body without max_tokens.'),
};

const ref = (name: keyof typeof requestSchemas | keyof typeof responseSchemas) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: Parameters<typeof ref>[0]) => ({ 'application/json': { schema: ref(name) } });
const errorRef = ref('Error');
const anthropicErrorRef = ref('AnthropicError');
const videoRef = ref('Video');
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 1, maxLength: 255 },
  description: 'The same key and body within 24 h answer the first job again (with idempotent-replayed: true) instead of creating another; the same key with another body is a 422',
};
/** What every video create may answer besides its 202. */
const createErrors = {
  '400': { description: 'A bad field, named in error.param', content: { 'application/json': { schema: errorRef } } },
  '401': { description: 'No or a wrong gateway key', content: { 'application/json': { schema: errorRef } } },
  '404': { description: 'An unknown model', content: { 'application/json': { schema: errorRef } } },
  '413': { description: 'A body or image over its limit', content: { 'application/json': { schema: errorRef } } },
  '422': { description: 'An Idempotency-Key reused with another body', content: { 'application/json': { schema: errorRef } } },
};

/** OpenAPI 3.1 of the public surface, served at /openapi.json and rendered at /docs. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'reelay', version: '0.1.0', description: 'A self-hosted AI gateway: async video jobs and sync text (OpenAI Chat Completions, Anthropic Messages) behind one OpenAI-compatible API and one key.' },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
    schemas: { ...requestSchemas, ...responseSchemas },
  },
  security: [{ bearer: [] }],
  paths: {
    '/v1/video/generations': {
      post: {
        summary: 'Create a video job (202 + Location)',
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json('CreateVideoGeneration') },
        responses: { '202': { description: 'Queued; poll the Location or wait for the webhook', content: { 'application/json': { schema: videoRef } } }, ...createErrors },
      },
    },
    '/v1/video/generations/{id}': { get: { parameters: [idParam], responses: { '200': { content: { 'application/json': { schema: videoRef } } } } } },
    '/v1/jobs/{id}': { get: { parameters: [idParam], responses: { '200': { content: { 'application/json': { schema: videoRef } } } } } },
    '/v1/videos': {
      post: {
        summary: 'OpenAI-compatible create (JSON or multipart); sora-2 when no model is given',
        parameters: [idempotencyKey],
        requestBody: {
          required: true,
          content: {
            ...json('CreateVideo'),
            // openai-node >= 6.28 sends multipart: the same fields as strings, nested ones as input_reference[image_url], JSON ones as JSON text, images as a file part.
            'multipart/form-data': { schema: ref('CreateVideo') },
          },
        },
        responses: { '202': { description: 'Queued', content: { 'application/json': { schema: videoRef } } }, ...createErrors },
      },
      get: { summary: 'Cursor list (after, limit, order)', responses: { '200': {} } },
    },
    '/v1/videos/{id}': {
      get: { parameters: [idParam], responses: { '200': { content: { 'application/json': { schema: videoRef } } } } },
      delete: { parameters: [idParam], summary: 'Cancel a running job, or delete a finished one', responses: { '200': {} } },
    },
    '/v1/videos/{id}/content': { get: { parameters: [idParam], responses: { '200': { content: { 'video/mp4': {} } } } } },
    '/v1/chat/completions': {
      post: {
        summary: 'OpenAI Chat Completions (stream or not) to the model group\'s deployments; also at /chat/completions',
        requestBody: { required: true, content: json('ChatCompletionRequest') },
        responses: {
          '200': { content: { 'application/json': {}, 'text/event-stream': {} } },
          '400': { content: { 'application/json': { schema: errorRef } } },
          '429': { content: { 'application/json': { schema: errorRef } } },
          '502': { content: { 'application/json': { schema: errorRef } } },
        },
      },
    },
    '/v1/messages': {
      post: {
        summary: "Anthropic's Messages API (stream or not) to any text model group, whatever its vendor; the key as x-api-key or Authorization: Bearer",
        security: [{ bearer: [] }, { apiKeyHeader: [] }],
        requestBody: { required: true, content: json('MessagesRequest') },
        responses: {
          '200': { content: { 'application/json': {}, 'text/event-stream': {} } },
          '400': { content: { 'application/json': { schema: anthropicErrorRef } } },
          '401': { content: { 'application/json': { schema: anthropicErrorRef } } },
          '404': { content: { 'application/json': { schema: anthropicErrorRef } } },
          '429': { content: { 'application/json': { schema: anthropicErrorRef } } },
          '502': { content: { 'application/json': { schema: anthropicErrorRef } } },
        },
      },
    },
    '/v1/messages/count_tokens': {
      post: {
        summary: 'An estimate of the input tokens of a Messages request (about four characters a token of what reelay would send), not a vendor count',
        security: [{ bearer: [] }, { apiKeyHeader: [] }],
        requestBody: { required: true, content: json('CountTokensRequest') },
        responses: { '200': { content: { 'application/json': { schema: { type: 'object', properties: { input_tokens: { type: 'integer' } } } } } }, '404': { content: { 'application/json': { schema: anthropicErrorRef } } } },
      },
    },
    '/v1/models': { get: { summary: "The model groups reelay can serve, video and text (also at /models); with an anthropic-version header, the text groups in Anthropic's list shape", responses: { '200': {} } } },
    '/v1/model/info': {
      get: {
        summary: "Each deployment (LiteLLM's name): limits, use in the last minute, in-flight tasks, cooldown and last error; never its key",
        parameters: [{ name: 'model', in: 'query', required: false, schema: { type: 'string' }, description: 'Only the deployments of this model group' }],
        responses: {
          '200': { content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: ref('DeploymentInfo') } } } } } },
          '404': { content: { 'application/json': { schema: errorRef } } },
        },
      },
    },
    '/health': {
      get: {
        summary: "Every deployment probed once (a one-line chat, or a status query for a made-up video task), in LiteLLM's shape: healthy_endpoints and unhealthy_endpoints with the result, the cause and the fix; answered from the last round for REELAY_HEALTH_CACHE_SECONDS, one round at a time across api processes",
        parameters: [{ name: 'model', in: 'query', required: false, schema: { type: 'string' }, description: 'Only this model group' }],
        responses: {
          '200': { content: { 'application/json': { schema: { type: 'object', properties: { healthy_endpoints: { type: 'array', items: { type: 'object' } }, unhealthy_endpoints: { type: 'array', items: { type: 'object' } }, healthy_count: { type: 'integer' }, unhealthy_count: { type: 'integer' }, checked_at: { type: 'string', format: 'date-time' }, cached: { type: 'boolean' } } } } } },
          '404': { content: { 'application/json': { schema: errorRef } } },
        },
      },
    },
    '/v1/route/explain': {
      get: {
        summary: 'Which deployment the next request of a model group would get and why, tier by tier (limits, use, cooldowns, shares), then its fallbacks; takes nothing and calls no vendor',
        parameters: [
          { name: 'model', in: 'query', required: true, schema: { type: 'string' }, description: 'The model group' },
          { name: 'mode', in: 'query', required: false, schema: { enum: ['chat', 'video'] }, description: 'The kind of request (default: what the group serves)' },
          { name: 'tokens', in: 'query', required: false, schema: { type: 'integer', minimum: 0 }, description: "The request's token estimate, checked against tpm (default 0)" },
        ],
        responses: {
          '200': { content: { 'application/json': { schema: ref('RouteExplanation') } } },
          '400': { content: { 'application/json': { schema: errorRef } } },
          '404': { content: { 'application/json': { schema: errorRef } } },
        },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus text format: finished jobs, upstream calls, queue depths, poll sets, and each deployment\'s use, cooldown and limits',
        responses: { '200': { content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } } } },
      },
    },
    '/health/liveliness': { get: { security: [], responses: { '200': {} } } },
    '/health/readiness': { get: { security: [], responses: { '200': {}, '503': {} } } },
  },
} as const;
