import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatFake } from '../fakes/chat/chat-fake';
import { startPerplexityFake } from '../fakes/chat/perplexity/index';

/**
 * The Perplexity fake plays api.perplexity.ai after Sonar chat completions: its Agent API must
 * be what the official `openai` client's Responses API reads (Perplexity documents that use,
 * base `https://api.perplexity.ai/v1`), and what raw POST /v1/agent callers see.
 */
const API_KEY = 'sk-fake-perplexity-key';
const HELLO = 'Say hello'; // 9 characters: ceil(9 / 4) = 3 input tokens.

let fake: ChatFake;
let client: OpenAI;
beforeAll(async () => {
  fake = await startPerplexityFake({ apiKey: API_KEY });
  client = new OpenAI({ apiKey: API_KEY, baseURL: `${fake.apiBase}/v1`, maxRetries: 0 });
});
afterAll(() => fake.close());

type Json = Record<string, unknown>;
const post = (path: string, body: unknown, key = API_KEY, signal?: AbortSignal) =>
  fetch(`${fake.origin}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
const run = (extra: Json = {}, text = HELLO) => ({ model: 'perplexity/sonar', input: [{ type: 'message', role: 'user', content: text }], tools: [{ type: 'web_search' }], ...extra });
const events = async (response: Response) =>
  (await response.text())
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      return JSON.parse(frame.slice(6)) as Json;
    });

describe('the fake Agent API', () => {
  it('answers the openai client on /v1/responses: output items, search results, usage with cost', async () => {
    const response = await client.responses.create({ model: 'perplexity/sonar', input: HELLO, tools: [{ type: 'web_search' } as never] });
    expect(response.output_text).toBe('Hello from perplexity');
    expect(response.status).toBe('completed');
    expect(response.output.map((item) => item.type)).toEqual(['search_results', 'message']);
    expect(response.usage).toMatchObject({ input_tokens: 3, output_tokens: 3, total_tokens: 6, cost: { currency: 'USD', tool_calls_cost: 0.005 } });
    expect(fake.received().at(-1)!.path).toBe('/v1/responses');
  });

  it('POST /v1/agent with a preset searches without a tool; without any search there are no results', async () => {
    const preset = (await (await post('/v1/agent', { preset: 'low', input: HELLO })).json()) as { model: string; output: Json[] };
    expect(preset.model).toBe('openai/gpt-5.1');
    expect(preset.output[0]).toMatchObject({ type: 'search_results', results: [{ id: 1, url: 'https://example.com/paris-weather' }, { id: 2 }] });
    const bare = (await (await post('/v1/agent', { model: 'perplexity/sonar', input: HELLO })).json()) as { output: Json[] };
    expect(bare.output.map((item) => item.type)).toEqual(['message']);
  });

  it('streams typed events as bare data lines, no [DONE], the final snapshot on response.completed', async () => {
    const stream = await client.responses.create({ model: 'perplexity/sonar', input: 'Count [long=4]', tools: [{ type: 'web_search' } as never], stream: true });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') expect(event.response.usage?.output_tokens).toBe(4);
    }
    expect(text).toBe('w1 w2 w3 w4');
    expect(types.slice(0, 2)).toEqual(['response.created', 'response.in_progress']);
    expect(types).toContain('response.reasoning.search_results');
    expect(types.at(-1)).toBe('response.completed');
    const raw = await (await post('/v1/agent', run({ stream: true }))).text();
    expect(raw).not.toContain('[DONE]');
    expect(raw).not.toMatch(/^event:/m);
  });

  it('[stream-error] and [cut-after=N] end the 200 stream with response.failed', async () => {
    const failed = await events(await post('/v1/agent', run({ stream: true }, 'Hi [stream-error]')));
    expect(failed.map((event) => event.type)).toEqual(['response.created', 'response.in_progress', 'response.failed']);
    expect(failed.at(-1)).toMatchObject({ error: { message: 'Internal server error', type: 'internal_error' } });
    const cut = await events(await post('/v1/agent', run({ stream: true }, 'Hi [long=5] [cut-after=2]')));
    expect(cut.filter((event) => event.type === 'response.output_text.delta').map((event) => event.delta)).toEqual(['w1', ' w2']);
    expect(cut.at(-1)!.type).toBe('response.failed');
  });

  it('max_output_tokens below the answer ends incomplete (floored at 16, as Perplexity does)', async () => {
    const json = (await (await post('/v1/agent', run({ max_output_tokens: 1 }, 'Hi [long=20]'))).json()) as Json;
    expect(json).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { output_tokens: 16 } });
    const streamed = await events(await post('/v1/agent', run({ max_output_tokens: 16, stream: true }, 'Hi [long=20]')));
    expect(streamed.at(-1)!.type).toBe('response.incomplete');
  });
});

describe("the fake's checks and errors", () => {
  it('refuses Chat Completions fields with the strict unknown-field 400: messages, max_tokens, a nested one', async () => {
    const messages = await post('/v1/agent', { model: 'perplexity/sonar', messages: [{ role: 'user', content: HELLO }] });
    expect(messages.status).toBe(400);
    expect(await messages.json()).toEqual({ error: { message: 'invalid request body: json: unknown field "messages"', type: 'invalid_request', code: 400, param: 'messages' } });
    expect(((await (await post('/v1/agent', run({ max_tokens: 5 }))).json()) as { error: Json }).error.param).toBe('max_tokens');
    const nested = await post('/v1/agent', run({ tools: [{ type: 'web_search', filters: { domain: ['x.test'] } }] }));
    expect(((await nested.json()) as { error: Json }).error.param).toBe('tools[0].filters.domain');
  });

  it('validates the engine and the input items', async () => {
    const expectError = async (body: unknown, type: string, param: string) => {
      const response = await post('/v1/agent', body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: Json }).error).toMatchObject({ type, param });
    };
    await expectError({ input: HELLO }, 'invalid_request', 'model');
    await expectError({ model: 'sonar', input: HELLO }, 'invalid_model', 'model');
    await expectError({ model: 'perplexity/missing-model', input: HELLO }, 'invalid_model', 'model');
    await expectError({ preset: 'sonar-pro', input: HELLO }, 'invalid_parameter', 'preset');
    await expectError({ model: 'perplexity/sonar' }, 'invalid_request', 'input');
    await expectError({ model: 'perplexity/sonar', input: [{ type: 'message', role: 'tool', content: 'x' }] }, 'invalid_request', 'input[0].role');
    await expectError({ model: 'perplexity/sonar', input: [{ type: 'message', role: 'user', content: [{ type: 'text', text: 'x' }] }] }, 'invalid_request', 'input[0].content[0].type');
  });

  it('[429] is request_rate_limit_exceeded with Retry-After; [500] internal_error; a bad key the HTML 401', async () => {
    const limited = await post('/v1/agent', run({}, 'Hi [429]'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(((await limited.json()) as { error: Json }).error).toMatchObject({ type: 'request_rate_limit_exceeded', code: 429 });
    expect((await post('/v1/agent', run({}, 'Hi [500]'))).status).toBe(500);
    const before = fake.stats().rejectedAuth;
    const refused = await post('/v1/agent', run(), 'sk-not-this-one');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('text/html');
    expect(await refused.text()).toContain('<title>401 Authorization Required</title>');
    expect(fake.stats().rejectedAuth).toBe(before + 1);
  });

  it('[hang] never answers and [slow=MS] waits before the headers; both count the client leaving as an abort', async () => {
    const aborted = fake.stats().aborted;
    await expect(post('/v1/agent', run({}, 'Hi [hang]'), API_KEY, AbortSignal.timeout(200))).rejects.toThrow();
    const started = Date.now();
    expect((await post('/v1/agent', run({}, 'Hi [slow=150]'))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.stats().aborted).toBe(aborted + 1);
  });

  it('[drip=MS] spaces the events', async () => {
    const started = Date.now();
    const all = await events(await post('/v1/agent', run({ stream: true }, 'Hi [drip=20]')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 * (all.length - 1) - 5);
  });

  it('the retired chat completions routes answer 410 and say where to go', async () => {
    for (const path of ['/chat/completions', '/v1/chat/completions']) {
      const response = await post(path, { model: 'sonar', messages: [{ role: 'user', content: HELLO }] });
      expect(response.status).toBe(410);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/retired on 2026-09-27.*POST \/v1\/agent/);
    }
  });
});
