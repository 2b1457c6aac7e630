import { createVideoBodySchema } from '../video/video-request';

const errorRef = { $ref: '#/components/schemas/Error' };
const videoRef = { $ref: '#/components/schemas/Video' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** A compact OpenAPI 3.1 description of the public surface. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'reelay', version: '0.1.0', description: 'Async video generation gateway with an OpenAI-compatible API.' },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: {
        type: 'object',
        properties: { error: { type: 'object', properties: { message: { type: 'string' }, type: { type: 'string' }, param: { type: ['string', 'null'] }, code: { type: ['string', 'null'] } } } },
      },
      CreateVideo: { type: 'object', required: ['prompt'], properties: Object.fromEntries(Object.keys(createVideoBodySchema.shape).map((k) => [k, {}])) },
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
    '/v1/models': { get: { responses: { '200': {} } } },
    '/health/liveliness': { get: { security: [], responses: { '200': {} } } },
    '/health/readiness': { get: { security: [], responses: { '200': {}, '503': {} } } },
  },
} as const;
