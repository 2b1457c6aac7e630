/**
 * The hand-written parts of /openapi.json: what reelay answers, which no zod schema describes
 * (requests are generated from their schemas in openapi.ts).
 */

/** A router attempt, as ChatAttempt in chat/chat-attempts.ts. */
const attempt = {
  type: 'object',
  required: ['deployment', 'code', 'message'],
  properties: {
    deployment: { type: 'string' },
    provider: { type: 'string' },
    status: { type: 'integer', description: "The vendor's HTTP status, when it answered" },
    code: { type: 'string', description: "reelay's reading of the failure (upstream_auth, upstream_rate_limited, …), or skipped" },
    message: { type: 'string' },
  },
};

export const responseSchemas = {
  Error: {
    type: 'object',
    description: "OpenAI's error shape, answered by every route but /v1/messages: every 4xx and 5xx, never a stack trace",
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['message', 'type', 'param', 'code'],
        properties: {
          message: { type: 'string', description: 'What went wrong, naming the field or model and the fix' },
          type: { type: 'string', examples: ['invalid_request_error', 'authentication_error', 'not_found_error', 'rate_limit_error', 'server_error'] },
          param: { type: ['string', 'null'], description: 'The request field at fault (a dotted path), if one is' },
          code: { type: ['string', 'null'], description: 'A stable code to branch on', examples: ['invalid_parameter', 'unknown_parameter', 'missing_api_key', 'model_not_found', 'upstream_error'] },
          attempts: { type: 'array', description: 'Text routes, when no deployment answered: each deployment tried or left out, in order', items: attempt },
        },
      },
    },
  },
  AnthropicError: {
    type: 'object',
    description: "Anthropic's error shape, answered on /v1/messages; error.attempts lists the deployments tried when routing failed",
    required: ['type', 'error'],
    properties: {
      type: { const: 'error' },
      error: {
        type: 'object',
        required: ['type', 'message'],
        properties: {
          type: { type: 'string', examples: ['invalid_request_error', 'authentication_error', 'not_found_error', 'rate_limit_error', 'overloaded_error', 'api_error'] },
          message: { type: 'string' },
          details: { type: 'object', properties: { error_code: { type: 'string' } } },
          attempts: { type: 'array', items: attempt },
        },
      },
      request_id: { type: 'string' },
    },
  },
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
    description: "OpenAI's Video object plus reelay's output, warnings and routing (PublicVideo in packages/jobs/src/public-video.ts)",
    properties: {
      id: { type: 'string' },
      object: { const: 'video' },
      status: { enum: ['queued', 'in_progress', 'completed', 'failed', 'cancelled'] },
      progress: { type: 'integer', minimum: 0, maximum: 100 },
      model: { type: 'string' },
      prompt: { type: 'string' },
      seconds: { type: ['string', 'null'] },
      size: { type: ['string', 'null'] },
      aspect_ratio: { type: 'string' },
      resolution: { type: 'string' },
      created_at: { type: 'integer', description: 'Unix seconds' },
      completed_at: { type: ['integer', 'null'] },
      expires_at: { type: 'null', description: 'Stored outputs do not expire' },
      remixed_from_video_id: { type: 'null' },
      error: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
      metadata: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
      output: {
        type: ['object', 'null'],
        properties: {
          url: { type: 'string', description: 'Presigned; fetch the job again for a fresh one after url_expires_at' },
          url_expires_at: { type: 'integer' },
          content_type: { type: 'string' },
          bytes: { type: 'integer' },
          sha256: { type: 'string' },
        },
      },
      warnings: { type: 'array', items: { type: 'string' }, description: 'Options the model ignored' },
      routing: {
        type: ['object', 'null'],
        properties: {
          provider: { type: 'string' },
          deployment_id: { type: ['string', 'null'] },
          upstream_id: { type: ['string', 'null'] },
          attempts: { type: 'integer' },
          excluded: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, reason: { type: 'string' } } } },
        },
      },
    },
  },
} as const;
