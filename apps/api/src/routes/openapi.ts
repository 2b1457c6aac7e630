import { createVideoBodySchema } from '../video/video-request';

const errorRef = { $ref: '#/components/schemas/Error' };
const anthropicErrorRef = { $ref: '#/components/schemas/AnthropicError' };
const videoRef = { $ref: '#/components/schemas/Video' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** A compact OpenAPI 3.1 description of the public surface. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'reelay', version: '0.1.0', description: 'Async video generation gateway with an OpenAI-compatible API.' },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
    schemas: {
      Error: {
        type: 'object',
        properties: { error: { type: 'object', properties: { message: { type: 'string' }, type: { type: 'string' }, param: { type: ['string', 'null'] }, code: { type: ['string', 'null'] } } } },
      },
      AnthropicError: {
        type: 'object',
        description: "Anthropic's error shape, answered on /v1/messages; error.attempts lists the deployments tried when routing failed",
        properties: {
          type: { const: 'error' },
          error: { type: 'object', properties: { type: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', properties: { error_code: { type: 'string' } } }, attempts: { type: 'array', items: { type: 'object' } } } },
          request_id: { type: 'string' },
        },
      },
      CreateVideo: { type: 'object', required: ['prompt'], properties: Object.fromEntries(Object.keys(createVideoBodySchema.shape).map((k) => [k, {}])) },
      DeploymentInfo: {
        type: 'object',
        properties: {
          model_name: { type: 'string' },
          litellm_params: {
            type: 'object',
            properties: {
              model: { type: 'string' },
              api_base: { type: 'string' },
              rpm: { type: 'integer' },
              tpm: { type: 'integer' },
              max_parallel_requests: { type: 'integer' },
              order: { type: 'integer' },
              weight: { type: 'number' },
            },
          },
          model_info: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              provider: { type: 'string' },
              mode: { enum: ['video', 'text', 'unknown'] },
              limits: { type: 'object', properties: { rpm: { type: ['integer', 'null'] }, tpm: { type: ['integer', 'null'] }, max_parallel_requests: { type: ['integer', 'null'] } } },
              usage: { type: 'object', properties: { requests_last_minute: { type: 'integer' }, tokens_last_minute: { type: 'integer' }, in_flight: { type: 'integer' } } },
              cooldown_until: { type: ['string', 'null'], format: 'date-time' },
              cooldown_reason: { type: ['string', 'null'] },
              last_error: { type: ['object', 'null'], properties: { at: { type: 'string', format: 'date-time' }, code: { type: 'string' }, message: { type: 'string' } } },
              expected_completion_seconds: { type: ['number', 'null'], description: 'The job length the poll schedule learned (10th percentile of the last 50); null until ten jobs have finished' },
            },
          },
        },
      },
      RouteExplanation: {
        type: 'object',
        description: 'What the router would do with the next request of a model group, read from the shared Redis state, taking nothing',
        properties: {
          object: { const: 'route.explanation' },
          model: { type: 'string' },
          mode: { enum: ['chat', 'video'] },
          tokens: { type: 'integer' },
          live: { type: 'boolean', description: 'false when Redis could not be read: only the config is explained (see note)' },
          note: { type: 'string' },
          checked_at: { type: 'string', format: 'date-time' },
          groups: {
            type: 'array',
            description: 'The group, then its fallbacks in order',
            items: {
              type: 'object',
              properties: {
                model_name: { type: 'string' },
                fallback: { type: 'boolean' },
                tiers: {
                  type: 'array',
                  description: 'Lowest order first',
                  items: {
                    type: 'object',
                    properties: {
                      order: { type: 'integer' },
                      weighted_by: { enum: ['weight', 'rpm', 'tpm', 'equal'] },
                      deployments: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            id: { type: 'string' },
                            provider: { type: 'string' },
                            model: { type: 'string' },
                            mode: { type: 'string' },
                            can_serve: { type: 'object', properties: { chat: { type: 'boolean' }, video: { type: 'boolean' } } },
                            weight: { type: ['number', 'null'] },
                            share: { type: ['number', 'null'], description: 'Its chance of the pick when its tier is tried; null when not eligible' },
                            limits: { type: 'object', properties: { rpm: { type: ['integer', 'null'] }, tpm: { type: ['integer', 'null'] }, max_parallel_requests: { type: ['integer', 'null'] } } },
                            headroom: {
                              type: ['object', 'null'],
                              description: 'used / limit / left of rpm and tpm in the current window and of in-flight requests; null when not live',
                              properties: Object.fromEntries(['rpm', 'tpm', 'in_flight'].map((k) => [k, { type: 'object', properties: { used: { type: 'integer' }, limit: { type: ['integer', 'null'] }, left: { type: ['integer', 'null'] } } }])),
                            },
                            failures_last_minute: { type: ['integer', 'null'] },
                            cooldown: { type: ['object', 'null'], properties: { until: { type: 'string', format: 'date-time' }, seconds_left: { type: 'number' }, reason: { type: ['string', 'null'] } } },
                            last_error: { type: ['object', 'null'], properties: { at: { type: 'string', format: 'date-time' }, code: { type: 'string' }, message: { type: 'string' } } },
                            eligible: { type: 'boolean' },
                            reason: { type: 'string', description: 'Why it is not eligible now' },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          next: {
            type: 'object',
            description: 'kind route: the tier tried first and its eligible deployments with their chances; kind wait or none: what a request would be answered now',
            properties: {
              kind: { enum: ['route', 'wait', 'none'] },
              model_name: { type: 'string' },
              fallback: { type: 'boolean' },
              order: { type: 'integer' },
              deployments: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, chance: { type: 'number' } } } },
              status: { type: 'integer' },
              code: { type: ['string', 'null'] },
              message: { type: 'string' },
              retry_after_seconds: { type: ['integer', 'null'] },
              clears_at: { type: ['string', 'null'], format: 'date-time' },
            },
          },
        },
      },
      Video: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          object: { const: 'video' },
          status: { enum: ['queued', 'in_progress', 'completed', 'failed', 'cancelled'] },
          progress: { type: 'integer' },
          output: { type: ['object', 'null'], properties: { url: { type: 'string' }, content_type: { type: 'string' }, bytes: { type: 'integer' }, sha256: { type: 'string' } } },
          error: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
  security: [{ bearer: [] }],
  paths: {
    '/v1/video/generations': {
      post: {
        summary: 'Create a video job (202 + Location)',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateVideo' } } } },
        responses: { '202': { content: { 'application/json': { schema: videoRef } } }, '400': { content: { 'application/json': { schema: errorRef } } } },
      },
    },
    '/v1/video/generations/{id}': { get: { parameters: [idParam], responses: { '200': { content: { 'application/json': { schema: videoRef } } } } } },
    '/v1/jobs/{id}': { get: { parameters: [idParam], responses: { '200': { content: { 'application/json': { schema: videoRef } } } } } },
    '/v1/videos': {
      post: { summary: 'OpenAI-compatible create (JSON or multipart)', responses: { '202': { content: { 'application/json': { schema: videoRef } } } } },
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
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['model', 'messages'], properties: { model: { type: 'string' }, messages: { type: 'array', minItems: 1, maxItems: 5000, items: { type: 'object', required: ['role'] } }, stream: { type: 'boolean' } } } } } },
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
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['model', 'max_tokens', 'messages'], properties: { model: { type: 'string' }, max_tokens: { type: 'integer', minimum: 1 }, messages: { type: 'array', minItems: 1, maxItems: 5000, items: { type: 'object', required: ['role', 'content'] } }, system: {}, tools: { type: 'array' }, thinking: { type: 'object' }, stream: { type: 'boolean' } } } } } },
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
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['model', 'messages'] } } } },
        responses: { '200': { content: { 'application/json': { schema: { type: 'object', properties: { input_tokens: { type: 'integer' } } } } } }, '404': { content: { 'application/json': { schema: anthropicErrorRef } } } },
      },
    },
    '/v1/models': { get: { summary: "The model groups reelay can serve, video and text (also at /models); with an anthropic-version header, the text groups in Anthropic's list shape", responses: { '200': {} } } },
    '/v1/model/info': {
      get: {
        summary: "Each deployment (LiteLLM's name): limits, use in the last minute, in-flight tasks, cooldown and last error; never its key",
        parameters: [{ name: 'model', in: 'query', required: false, schema: { type: 'string' }, description: 'Only the deployments of this model group' }],
        responses: {
          '200': { content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/DeploymentInfo' } } } } } } },
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
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/RouteExplanation' } } } },
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
