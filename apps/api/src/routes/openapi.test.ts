import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MAX_MESSAGES, chatBodySchema } from '../chat/chat-request';
import { ApiError } from '../http/api-error';
import { REQUEST_LIMITS } from '../http/body-limits';
import { countTokensBodySchema, messagesBodySchema } from '../messages/messages-request';
import { createVideoBodySchema } from '../video/video-request';
import { openApiDocument, requestSchemas } from './openapi';

type JsonSchema = { $ref?: string; type?: unknown; properties?: Record<string, JsonSchema>; required?: string[]; [key: string]: unknown };
type Operation = { requestBody?: { content: Record<string, { schema: JsonSchema }> } };

// Parsed from the JSON a client downloads, not the object in memory.
const document = JSON.parse(JSON.stringify(openApiDocument)) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components.schemas[name];
  expect(target, `${schema.$ref} must exist`).toBeDefined();
  return target!;
}

/** Every route whose body a zod schema validates, with that schema: a new one belongs here. */
const validatedRoutes: Array<[string, z.ZodObject]> = [
  ['/v1/video/generations', createVideoBodySchema],
  ['/v1/videos', createVideoBodySchema],
  ['/v1/chat/completions', chatBodySchema],
  ['/v1/messages', messagesBodySchema],
  ['/v1/messages/count_tokens', countTokensBodySchema],
];

describe('/openapi.json', () => {
  it.each(validatedRoutes)('POST %s documents every field its request schema validates, and requires what it requires', (path, schema) => {
    const content = document.paths[path]?.post?.requestBody?.content;
    expect(content, `POST ${path} needs a requestBody`).toBeDefined();
    for (const [type, { schema: documented }] of Object.entries(content!)) {
      const body = resolve(documented);
      expect(Object.keys(body.properties ?? {}).sort(), `${path} ${type}`).toEqual(Object.keys(schema.shape).sort());
      const required = Object.entries(schema.shape)
        .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
        .map(([name]) => name);
      expect(body.required ?? []).toEqual(expect.arrayContaining(required));
    }
  });

  it('no request body is written by hand: each is a schema generated from zod', () => {
    const generated = new Set(Object.keys(requestSchemas).map((name) => `#/components/schemas/${name}`));
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const { schema } of Object.values(operation.requestBody?.content ?? {})) {
          expect(generated.has(schema.$ref ?? ''), `${method.toUpperCase()} ${path}`).toBe(true);
        }
      }
    }
  });

  it('carries the limits the schemas enforce', () => {
    const video = resolve({ $ref: '#/components/schemas/CreateVideo' }).properties!;
    expect(video.prompt).toMatchObject({ type: 'string', minLength: 1, maxLength: REQUEST_LIMITS.promptChars });
    expect(video.seconds!.anyOf).toEqual([{ type: 'number' }, { type: 'string', pattern: '^\\d+$' }]);
    expect(video.metadata).toMatchObject({ maxProperties: 16, additionalProperties: { type: 'string', maxLength: 512 } });
    expect(resolve({ $ref: '#/components/schemas/CreateVideo' }).additionalProperties).toBe(false);
    expect(resolve({ $ref: '#/components/schemas/CreateVideoGeneration' }).required).toEqual(['prompt', 'model']);
    const chat = resolve({ $ref: '#/components/schemas/ChatCompletionRequest' }).properties!;
    expect(chat.messages).toMatchObject({ type: 'array', minItems: 1, maxItems: MAX_MESSAGES });
    expect((chat.messages!.items as JsonSchema).properties!.role!.enum).toContain('tool');
    expect(resolve({ $ref: '#/components/schemas/MessagesRequest' }).properties!.max_tokens).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
  });

  it('documents every field of the error body ApiError writes', () => {
    const body = new ApiError(502, 'x', { extra: { attempts: [] } }).toBody();
    const error = document.components.schemas.Error!;
    expect(Object.keys(error.properties!)).toEqual(Object.keys(body));
    const fields = error.properties!.error!;
    expect(Object.keys(fields.properties!).sort()).toEqual(Object.keys(body.error).sort());
    expect(fields.required!.sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('every $ref points at a schema of the document', () => {
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) resolve({ $ref: JSON.parse(`{${ref}}`).$ref as string });
  });
});
