import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Anthropic, { APIConnectionTimeoutError, APIError, AuthenticationError, BadRequestError, NotFoundError, RateLimitError } from '@anthropic-ai/sdk';
import { startAnthropicFake } from '../fakes/chat/anthropic/index';
import type { ChatFake } from '../fakes/chat/chat-fake';

/**
 * The Anthropic fake is only worth something if the official client accepts it: the 1.x SDK
 * (Bearer auth, `anthropic-version: 2026-10-21`) for the protocol, raw fetch for what the SDK
 * never sends (`x-api-key`, a missing version header).
 */

const API_KEY = 'sk-ant-fake-sdk-test-7f3a';
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

/** The fake's rule: ceil(characters of all message text / 4). */
const tokensOf = (...texts: string[]) => Math.ceil(texts.join('').length / 4);

let fake: ChatFake;
let client: Anthropic;

beforeAll(async () => {
  fake = await startAnthropicFake({ apiKey: API_KEY });
  client = new Anthropic({ apiKey: API_KEY, baseURL: fake.apiBase, maxRetries: 0 });
});

afterAll(async () => {
  await fake.close();
});

/** The vendor's own `error.message` of a refused call (the SDK's message wraps it in JSON). */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BadRequestError)) throw new Error(`expected a BadRequestError, got ${String(error)}`);
  return (error.error as { error: { message: string } }).error.message;
}

async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('fake Anthropic Messages with @anthropic-ai/sdk 1.16', () => {
  it('answers a text message with exact usage', async () => {
    const prompt = 'Say hello, please.';
    const message = await client.messages.create({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content: prompt }] });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: fake.model,
      content: [{ type: 'text', text: 'Hello from anthropic' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: tokensOf(prompt), output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    expect(message.id).toMatch(/^msg_[A-Za-z0-9]{24}$/);
    const sent = fake.received().at(-1);
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent?.headers['anthropic-version']).toBeTruthy();
  });

  it('splits the prompt into cache reads and input when a block has cache_control', async () => {
    const system = 'You are a terse assistant who answers in one line. '.repeat(3);
    const prompt = 'Hello there, how are you?';
    const message = await client.messages.create({
      model: fake.model,
      max_tokens: 64,
      system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: prompt }],
    });
    expect(message.usage).toMatchObject({ input_tokens: tokensOf(system, prompt) - 10, cache_read_input_tokens: 10, cache_creation_input_tokens: 0 });
  });

  it('cuts the answer at max_tokens and at a stop sequence', async () => {
    const cut = await client.messages.create({ model: fake.model, max_tokens: 2, messages: [{ role: 'user', content: 'hi' }] });
    expect(cut).toMatchObject({ content: [{ type: 'text', text: 'Hello from' }], stop_reason: 'max_tokens', usage: { output_tokens: 2 } });
    const stopped = await client.messages.create({ model: fake.model, max_tokens: 64, stop_sequences: [' from'], messages: [{ role: 'user', content: 'hi' }] });
    expect(stopped).toMatchObject({ content: [{ type: 'text', text: 'Hello' }], stop_reason: 'stop_sequence', stop_sequence: ' from', usage: { output_tokens: 1 } });
  });

  it('streams text deltas and a final message with usage', async () => {
    const prompt = '[long=5] count for me';
    const deltas: string[] = [];
    const stream = client.messages.stream({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content: prompt }] });
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(deltas).toEqual(['w1', ' w2', ' w3', ' w4', ' w5']);
    expect(message).toMatchObject({
      content: [{ type: 'text', text: 'w1 w2 w3 w4 w5' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: tokensOf(prompt), output_tokens: 5, cache_read_input_tokens: 0 },
    });
  });

  it('sends the raw events in Anthropic order, without [DONE]', async () => {
    const response = await fetch(`${fake.apiBase}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: fake.model, max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    const names = [...text.matchAll(/^event: (\S+)$/gm)].map((match) => match[1]);
    expect(names).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(text).not.toContain('[DONE]');
    expect(text).toContain('"usage":{"output_tokens":3}');
  });

  it('calls a tool and accepts the tool result back', async () => {
    const question = { role: 'user' as const, content: '[tool] What is the weather in Paris?' };
    const call = await client.messages.create({ model: fake.model, max_tokens: 256, tools: [WEATHER_TOOL], messages: [question] });
    expect(call.stop_reason).toBe('tool_use');
    expect(call.usage.output_tokens).toBe(10);
    const toolUse = call.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
    if (toolUse?.type !== 'tool_use') throw new Error('no tool_use block');
    expect(toolUse.id).toMatch(/^toolu_[A-Za-z0-9]{24}$/);

    const answer = await client.messages.create({
      model: fake.model,
      max_tokens: 256,
      tools: [WEATHER_TOOL],
      messages: [question, { role: 'assistant', content: call.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'Sunny, 21 °C' }] }],
    });
    expect(answer).toMatchObject({ stop_reason: 'end_turn', content: [{ type: 'text', text: 'Hello from anthropic' }] });
  });

  it('streams a tool call as input_json_delta pieces the SDK assembles', async () => {
    const stream = client.messages.stream({ model: fake.model, max_tokens: 256, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: '[tool] weather?' }] });
    const pieces: string[] = [];
    stream.on('inputJson', (partial) => pieces.push(partial));
    const message = await stream.finalMessage();
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(message).toMatchObject({ stop_reason: 'tool_use', content: [{ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } }], usage: { output_tokens: 10 } });
  });

  it('refuses a tool_result whose tool_use_id matches no tool_use before it', async () => {
    const call = await client.messages.create({ model: fake.model, max_tokens: 256, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: '[tool] weather?' }] });
    const error = await client.messages
      .create({
        model: fake.model,
        max_tokens: 256,
        tools: [WEATHER_TOOL],
        messages: [
          { role: 'user', content: '[tool] weather?' },
          { role: 'assistant', content: call.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_not_the_one', content: 'Sunny' }] },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    const body = (error as BadRequestError).error as { error: { message: string } };
    expect(body.error.message).toContain('unexpected `tool_use_id` found in `tool_result` blocks: toolu_not_the_one');
  });

  it('refuses a tool_use left without its tool_result, and a system role', async () => {
    const call = await client.messages.create({ model: fake.model, max_tokens: 256, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: '[tool] weather?' }] });
    const unanswered = client.messages.create({
      model: fake.model,
      max_tokens: 256,
      tools: [WEATHER_TOOL],
      messages: [{ role: 'user', content: 'weather?' }, { role: 'assistant', content: call.content }, { role: 'user', content: 'never mind' }],
    });
    expect(await refusal(unanswered)).toContain('`tool_use` ids were found without `tool_result` blocks immediately after');
    const systemRole = client.messages.create({
      model: fake.model,
      max_tokens: 64,
      // The SDK's types forbid this role; a careless translator still sends it.
      messages: [{ role: 'system' as 'user', content: 'be brief' }, { role: 'user', content: 'hi' }],
    });
    expect(await refusal(systemRole)).toMatch(/^messages: Unexpected role "system"/);
  });

  it('merges consecutive messages of one role, as Anthropic does', async () => {
    const message = await client.messages.create({
      model: fake.model,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'first' }, { role: 'user', content: 'second' }],
    });
    expect(message.usage.input_tokens).toBe(tokensOf('first', 'second'));
  });

  it('answers a wrong key with AuthenticationError', async () => {
    const before = fake.stats().rejectedAuth;
    const wrong = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: fake.apiBase, maxRetries: 0 });
    const error = await wrong.messages.create({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).error).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    expect(fake.stats().rejectedAuth).toBe(before + 1);
  });

  it('answers [429] with RateLimitError and retry-after', async () => {
    const before = fake.stats().rateLimited;
    const error = await client.messages.create({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content: '[429] hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers?.get('retry-after')).toBe('1');
    expect(fake.stats().rateLimited).toBe(before + 1);
  });

  it('answers [500] with a 529 overloaded_error', async () => {
    const error = await client.messages.create({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content: '[500] hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(529);
    expect((error as APIError).error).toMatchObject({ error: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it('answers a missing- model with NotFoundError', async () => {
    const missing = client.messages.create({ model: 'missing-claude', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
  });

  it('throws from the SDK stream on [stream-error], after the 200', async () => {
    const before = fake.stats().streamsEnded;
    const stream = client.messages.stream({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content: '[stream-error] hi' }] });
    const error = await stream.finalMessage().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    expect(fake.stats().streamsEnded).toBe(before + 1);
  });

  it('cuts a stream after N text deltas on [cut-after=N]', async () => {
    const deltas: string[] = [];
    const stream = client.messages.stream({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content: '[long=6][cut-after=2] hi' }] });
    stream.on('text', (delta) => deltas.push(delta));
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(APIError);
    expect(deltas).toEqual(['w1', ' w2']);
  });

  it('puts a signed thinking block before the text on [reasoning], in JSON and SSE', async () => {
    const params = {
      model: fake.model,
      max_tokens: 2048,
      thinking: { type: 'enabled' as const, budget_tokens: 1024 },
      messages: [{ role: 'user' as const, content: '[reasoning] why is the sky blue?' }],
    };
    const message = await client.messages.create(params);
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    const [thinking] = message.content;
    if (thinking?.type !== 'thinking') throw new Error('no thinking block');
    expect(thinking.thinking.length).toBeGreaterThan(0);
    expect(thinking.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(message.usage.output_tokens).toBe(3 + 5);

    const thoughts: string[] = [];
    const stream = client.messages.stream(params);
    stream.on('thinking', (delta) => thoughts.push(delta));
    const streamed = await stream.finalMessage();
    expect(thoughts.length).toBeGreaterThan(0);
    expect(streamed.content[0]).toMatchObject({ type: 'thinking', signature: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) });
    expect(streamed.usage.output_tokens).toBe(8);

    const withoutThinking = await client.messages.create({ ...params, thinking: { type: 'disabled' } });
    expect(withoutThinking.content.map((block) => block.type)).toEqual(['text']);
    await expect(client.messages.create({ ...params, thinking: { type: 'enabled', budget_tokens: 512 } })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('requires thinking blocks to be replayed unmodified in a tool loop', async () => {
    const base = { model: fake.model, max_tokens: 2048, thinking: { type: 'enabled' as const, budget_tokens: 1024 }, tools: [WEATHER_TOOL] };
    const question = { role: 'user' as const, content: '[reasoning][tool] weather in Paris?' };
    const call = await client.messages.create({ ...base, messages: [question] });
    expect(call.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    const toolUse = call.content[1];
    if (toolUse?.type !== 'tool_use') throw new Error('no tool_use block');
    const result = { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: toolUse.id, content: 'Sunny' }] };

    const replayed = await client.messages.create({ ...base, messages: [question, { role: 'assistant', content: call.content }, result] });
    expect(replayed.stop_reason).toBe('end_turn');
    const dropped = client.messages.create({ ...base, messages: [question, { role: 'assistant', content: [toolUse] }, result] });
    expect(await refusal(dropped)).toContain('Expected `thinking` or `redacted_thinking`, but found `tool_use`');
    const forged = call.content.map((block) => (block.type === 'thinking' ? { ...block, signature: 'Zm9yZ2Vk' } : block));
    expect(await refusal(client.messages.create({ ...base, messages: [question, { role: 'assistant', content: forged }, result] }))).toContain('Invalid `signature`');
  });

  it('counts tokens with the same rule', async () => {
    const prompt = 'How many tokens is this sentence?';
    const counted = await client.messages.countTokens({ model: fake.model, system: 'Be brief.', messages: [{ role: 'user', content: prompt }] });
    expect(counted).toEqual({ input_tokens: tokensOf('Be brief.', prompt) });
  });

  it('counts a client that leaves a hanging request as aborted', async () => {
    const before = fake.stats().aborted;
    const hasty = new Anthropic({ apiKey: API_KEY, baseURL: fake.apiBase, maxRetries: 0, timeout: 200 });
    await expect(hasty.messages.create({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content: '[hang] hi' }] })).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
    await until(() => fake.stats().aborted === before + 1);
  });

  it('counts a stream the client leaves mid-drip as aborted, not ended', async () => {
    const before = fake.stats();
    const stream = client.messages.stream({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content: '[drip=50][long=20] hi' }] });
    // The SDK rejects its pending promises on abort; keep that expected rejection handled.
    const settled = stream.done().catch(() => undefined);
    await new Promise<void>((resolve) => stream.once('text', () => resolve()));
    stream.abort();
    await settled;
    await until(() => fake.stats().aborted === before.aborted + 1);
    expect(fake.stats().streamsEnded).toBe(before.streamsEnded);
  });
});

describe('fake Anthropic Messages over raw HTTP', () => {
  const body = (content: string) => JSON.stringify({ model: fake.model, max_tokens: 64, messages: [{ role: 'user', content }] });

  it('accepts the documented x-api-key header', async () => {
    const response = await fetch(`${fake.apiBase}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: body('hi'),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'Hello from anthropic' }] });
  });

  it('refuses a request without anthropic-version', async () => {
    const response = await fetch(`${fake.apiBase}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: body('hi'),
    });
    expect(response.status).toBe(400);
    const requestId = response.headers.get('request-id');
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
      request_id: requestId,
    });
  });

  it('refuses a missing max_tokens, a temperature above 1 and OpenAI-only fields', async () => {
    const send = (payload: object) =>
      fetch(`${fake.apiBase}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { error: { message: string } } }));
    const noMax = await send({ model: fake.model, messages: [{ role: 'user', content: 'hi' }] });
    expect(noMax).toMatchObject({ status: 400, body: { error: { message: 'max_tokens: Field required' } } });
    // Raw HTTP because the 1.16 SDK types no longer offer `temperature`; gateways still send it.
    const hot = await send({ model: fake.model, max_tokens: 64, temperature: 1.5, messages: [{ role: 'user', content: 'hi' }] });
    expect(hot).toMatchObject({ status: 400, body: { error: { message: 'temperature: Input should be less than or equal to 1' } } });
    const extra = await send({ model: fake.model, max_tokens: 64, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
    expect(extra).toMatchObject({ status: 400, body: { error: { message: 'stream_options: Extra inputs are not permitted' } } });
  });
});
