import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVertexFake, type VertexFake } from '../fakes/chat/vertex/index';
import { withForeignKey } from '../fakes/chat/vertex/service-account';
import { collectChatStream } from '../support/chat-stream';
import { startTextGateway, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

/**
 * Claude on Vertex AI through reelay, as a LiteLLM user configures it: vertex_project,
 * vertex_location and a service-account key in vertex_credentials (through os.environ/ or as a
 * file path), api_base pointed at the fake. The fake's tokens live 3 s, so renewal happens
 * inside the test.
 */
const TOKEN_LIFETIME_SECONDS = 3;
const WEATHER_TOOL = { type: 'function' as const, function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };

let vertex: VertexFake;
let gateway: TextGateway;
let client: OpenAI;
let foreignKey: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hi = (model: string, content = 'Hi') => client.chat.completions.create({ model, messages: [{ role: 'user', content }] });

beforeAll(async () => {
  vertex = await startVertexFake({ tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS });
  const dir = mkdtempSync(join(tmpdir(), 'reelay-vertex-e2e-'));
  const keyPath = join(dir, 'vertex-key.json');
  writeFileSync(keyPath, vertex.keyFileJson);
  // The same account with a key Google no longer knows (deleted, or replaced by a new one).
  const foreignPath = join(dir, 'deleted-key.json');
  foreignKey = withForeignKey(vertex.keyFile).private_key;
  writeFileSync(foreignPath, JSON.stringify({ ...vertex.keyFile, private_key: foreignKey }));
  const deployment = (name: string, id: string, model: string, location: string, credentials: string) => `  - model_name: ${name}
    litellm_params:
      model: vertex_ai/${model}
      vertex_project: ${vertex.project}
      vertex_location: ${location}
      vertex_credentials: ${credentials}
      api_base: ${vertex.apiBase}
    model_info: { id: ${id} }`;
  gateway = await startTextGateway({
    env: { VERTEX_TEST_CREDENTIALS: vertex.keyFileJson },
    extraModels: () =>
      [
        deployment('vertex-claude', 'vertex-env', vertex.model, 'us-east5', 'os.environ/VERTEX_TEST_CREDENTIALS'),
        deployment('vertex-claude-global', 'vertex-file', vertex.model, 'global', keyPath),
        deployment('vertex-busy', 'vertex-busy', vertex.model, 'us-east5', 'os.environ/VERTEX_TEST_CREDENTIALS'),
        deployment('vertex-opus', 'vertex-not-enabled', 'not-enabled-claude-opus-4-1@20250805', 'us-east5', 'os.environ/VERTEX_TEST_CREDENTIALS'),
        deployment('vertex-deleted-key', 'vertex-deleted-key', vertex.model, 'us-east5', foreignPath),
      ].join('\n'),
  });
  client = new OpenAI({ apiKey: TEXT_MASTER_KEY, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await vertex?.close();
});

describe('the openai client through reelay to Claude on Vertex AI', () => {
  it('non-stream: the answer and its usage, the deployment named; Vertex got no model in the body and the version in it', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'vertex-claude', messages: [{ role: 'user', content: 'Say hello' }] }).withResponse();
    expect(data.choices[0]!.message.content).toBe('Hello from anthropic');
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(data.usage!.completion_tokens).toBe(3);
    expect(data.usage!.total_tokens).toBe(data.usage!.prompt_tokens + data.usage!.completion_tokens);
    expect(response.headers.get('x-reelay-deployment-id')).toBe('vertex-env');
    const sent = vertex.received().at(-1)!;
    expect(sent.path).toBe(`/v1/projects/${vertex.project}/locations/us-east5/publishers/anthropic/models/${vertex.model}:rawPredict`);
    expect(sent.body).toMatchObject({ anthropic_version: 'vertex-2023-10-16', max_tokens: expect.any(Number) });
    expect(sent.body.model).toBeUndefined();
    expect(sent.headers.authorization).toMatch(/^Bearer ya29\./);
  });

  it('stream with include_usage: every piece in order, one usage chunk, through :streamRawPredict', async () => {
    const stream = await client.chat.completions.create({ model: 'vertex-claude', messages: [{ role: 'user', content: 'Count [long=4]' }], stream: true, stream_options: { include_usage: true } });
    const { text, finish, usages } = await collectChatStream(stream);
    expect(text.replace(/\s+/g, ' ').trim()).toBe('w1 w2 w3 w4');
    expect(finish).toBe('stop');
    expect(usages).toHaveLength(1);
    expect(usages[0]!.completion_tokens).toBe(4);
    expect(vertex.received().at(-1)!.path).toMatch(/:streamRawPredict$/);
  });

  it('tools: the call comes back parsed, and its result goes on to a final answer', async () => {
    const first = await client.chat.completions.create({ model: 'vertex-claude', messages: [{ role: 'user', content: 'Weather in Paris? [tool]' }], tools: [WEATHER_TOOL] });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call.type === 'function' && call.function.name).toBe('get_weather');
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    const second = await client.chat.completions.create({
      model: 'vertex-claude',
      tools: [WEATHER_TOOL],
      messages: [
        { role: 'user', content: 'Weather in Paris? [tool]' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"temp": 18}' },
        { role: 'user', content: 'Thanks, summarise' },
      ],
    });
    expect(second.choices[0]!.message.content).toBe('Hello from anthropic');
  });

  it('the key as a file path, on the global endpoint', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'vertex-claude-global', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    expect(data.choices[0]!.message.content).toBe('Hello from anthropic');
    expect(response.headers.get('x-reelay-deployment-id')).toBe('vertex-file');
    expect(vertex.received().at(-1)!.path).toContain('/locations/global/publishers/anthropic/models/');
  });

  it('GET /v1/models lists the Vertex groups', async () => {
    const ids = (await client.models.list()).data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['vertex-claude', 'vertex-claude-global']));
  });
});

describe('Vertex failures, in the OpenAI error shape, with what to fix', () => {
  it("a quota 429 is the client's RateLimitError naming the deployment and the quota", async () => {
    const error = await hi('vertex-busy', 'Hi [429]').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const { message, code } = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(code).toBe('upstream_rate_limited');
    expect(message).toContain('deployment "vertex-busy"');
    expect(message).toMatch(/Vertex AI answered 429 \(RESOURCE_EXHAUSTED\): Quota exceeded for aiplatform\.googleapis\.com\/online_prediction_requests_per_base_model/);
    expect(message).toMatch(/request more for online_prediction_requests_per_base_model in project reelay-fake-project, region us-east5/);
  });

  it('a model not enabled in Model Garden says to enable it there', async () => {
    const error = await hi('vertex-opus').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    // No access to the model, as with a key that may not use it: another project's deployment may serve it.
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('upstream_auth');
    const message = (error as Error).message;
    expect(message).toContain('deployment "vertex-not-enabled"');
    expect(message).toMatch(/\(FAILED_PRECONDITION\): Project `reelay-fake-project` is not allowed to use Publisher Model/);
    expect(message).toMatch(/not-enabled-claude-opus-4-1@20250805 is not enabled for project reelay-fake-project: enable it in Model Garden/);
  });

  it('a key Google no longer knows: the token grant failed, in its words, naming vertex_credentials, never the key', async () => {
    const error = await hi('vertex-deleted-key').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const message = (error as Error).message;
    expect(message).toContain('deployment "vertex-deleted-key"');
    expect(message).toMatch(/the access-token grant for service account reelay-fake@reelay-fake-project\.iam\.gserviceaccount\.com failed: .* answered 400 \(invalid_grant: Invalid JWT Signature\.\)/);
    expect(message).toMatch(/Check the service-account key in vertex_credentials/);
    expect(message).not.toContain(foreignKey.slice(40, 100));
  });
});

describe('access tokens: one per service account, renewed as they run out', () => {
  it('concurrent requests of two deployments of one account share one grant; a token past its lifetime is replaced', async () => {
    // Let the token earlier tests left behind run out, so the next requests need a new one.
    await sleep(TOKEN_LIFETIME_SECONDS * 1000 + 200);
    const before = vertex.stats().grants;
    const answers = await Promise.all(['vertex-claude', 'vertex-claude-global', 'vertex-claude', 'vertex-claude-global', 'vertex-claude', 'vertex-claude-global'].map((model) => hi(model)));
    expect(answers.every((answer) => answer.choices[0]!.message.content === 'Hello from anthropic')).toBe(true);
    expect(vertex.stats().grants).toBe(before + 1);
    await hi('vertex-claude');
    expect(vertex.stats().grants).toBe(before + 1);
    await sleep(TOKEN_LIFETIME_SECONDS * 1000 + 200);
    expect((await hi('vertex-claude-global')).choices[0]!.message.content).toBe('Hello from anthropic');
    expect(vertex.stats().grants).toBe(before + 2);
  });

  it('a token Google stops accepting (revoked) is replaced on the spot: the client never notices', async () => {
    await hi('vertex-claude');
    const before = vertex.stats();
    vertex.revokeTokens();
    expect((await hi('vertex-claude')).choices[0]!.message.content).toBe('Hello from anthropic');
    expect(vertex.stats()).toMatchObject({ grants: before.grants + 1, rejectedAuth: before.rejectedAuth + 1 });
  });
});

describe('the @anthropic-ai/sdk client through /v1/messages to Claude on Vertex AI', () => {
  it('non-stream and stream, with thinking that comes back unchanged on the tool-use continuation', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.baseUrl, apiKey: TEXT_MASTER_KEY, maxRetries: 0 });
    const tools = [{ name: 'get_weather', description: 'Weather in a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } }];
    const question = { role: 'user' as const, content: 'Weather in Paris? [tool] [reasoning]' };
    const first = await anthropic.messages.create({ model: 'vertex-claude', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, tools, messages: [question] });
    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    const toolUse = first.content.find((block) => block.type === 'tool_use')!;

    // The SDK keeps the thinking block in the history it sends back; Vertex checks its signature.
    const stream = anthropic.messages.stream({
      model: 'vertex-claude',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools,
      messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18C' }] }],
    });
    const second = await stream.finalMessage();
    expect(second.content.filter((block) => block.type === 'text').map((block) => block.text).join('')).toMatch(/Hello/);
    expect(second.usage.output_tokens).toBeGreaterThan(0);
    const sent = vertex.received().at(-1)!;
    expect(sent.path).toMatch(/:streamRawPredict$/);
    expect((sent.body.messages as Array<{ content: Array<{ type: string; signature?: string }> }>)[1]!.content[0]).toMatchObject({ type: 'thinking', signature: (first.content[0] as { signature: string }).signature });
  });
});
