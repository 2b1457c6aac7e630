import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatFake } from '../fakes/chat/chat-fake';
import { startOpenAICompatibleChatFake, type OpenAICompatibleFlavor } from '../fakes/chat/openai-compatible/index';

/**
 * The reasoning rules the OpenAI-compatible fakes enforce as their vendors do, each shown both
 * ways over raw HTTP: the request that breaks it gets the vendor's own error, the one that keeps it
 * is answered. The gateway's reasoning state is proven against exactly these refusals.
 */

const API_KEY = 'sk-fake-reasoning-test-key';
const WEATHER_TOOL = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  extra_content?: { google?: { thought_signature?: string } };
}
interface Message {
  content: string | null;
  reasoning_content?: string;
  tool_calls?: ToolCall[];
}
interface Completion {
  choices: { message: Message; finish_reason: string }[];
  usage: { completion_tokens: number };
}
interface Chunk {
  choices: { delta: { content?: string; reasoning_content?: string; tool_calls?: (Partial<ToolCall> & { index: number })[] } }[];
}
type Body = Record<string, unknown>;

const fakes = new Map<OpenAICompatibleFlavor, ChatFake>();
beforeAll(async () => {
  for (const flavor of ['openai', 'gemini', 'deepseek', 'dashscope', 'ark', 'xai'] as const) {
    fakes.set(flavor, await startOpenAICompatibleChatFake(flavor, { apiKey: API_KEY }));
  }
});
afterAll(async () => {
  await Promise.all([...fakes.values()].map((fake) => fake.close()));
});

async function post(flavor: OpenAICompatibleFlavor, body: Body): Promise<{ status: number; json: unknown; text: string }> {
  const fake = fakes.get(flavor);
  if (!fake) throw new Error(`no ${flavor} fake`);
  const response = await fetch(`${fake.apiBase}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: body.stream === true ? undefined : (JSON.parse(text) as unknown), text };
}

/** A 200 non-stream completion. */
async function complete(flavor: OpenAICompatibleFlavor, body: Body): Promise<Completion> {
  const reply = await post(flavor, body);
  expect(reply.status, reply.text).toBe(200);
  return reply.json as Completion;
}

async function streamChunks(flavor: OpenAICompatibleFlavor, body: Body): Promise<Chunk[]> {
  const reply = await post(flavor, { ...body, stream: true });
  expect(reply.status).toBe(200);
  return reply.text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: {'))
    .map((frame) => JSON.parse(frame.slice(6)) as Chunk);
}

const user = (content: string) => ({ role: 'user', content });
const messageOf = (completion: Completion): Message => completion.choices[0]?.message ?? { content: null };
/** The assistant turn a client replays: the answer's tool calls, with whatever fields it kept. */
const replayed = (calls: ToolCall[], extra: Body = {}) => ({ role: 'assistant', content: null, tool_calls: calls, ...extra });
const results = (calls: ToolCall[]) => calls.map((call) => ({ role: 'tool', tool_call_id: call.id, content: '18°C' }));
const withoutExtras = (calls: ToolCall[]) => calls.map(({ extra_content: _dropped, ...call }) => call);

describe('[tools=N] and tool-call ids', () => {
  it('answers N parallel calls with distinct ids and arguments, stream and not', async () => {
    const completion = await complete('openai', { model: 'gpt-5-mini', messages: [user('Weather? [tools=3]')], tools: [WEATHER_TOOL] });
    const calls = messageOf(completion).tool_calls ?? [];
    expect(calls.map((call) => JSON.parse(call.function.arguments) as unknown)).toEqual([{ city: 'Paris' }, { city: 'Paris-2' }, { city: 'Paris-3' }]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(3);
    expect(completion.usage.completion_tokens).toBe(30);

    const chunks = await streamChunks('openai', { model: 'gpt-5-mini', messages: [user('Weather? [tools=2]')], tools: [WEATHER_TOOL] });
    const opened = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).filter((delta) => delta.id !== undefined);
    expect(opened.map((delta) => delta.index)).toEqual([0, 1]);
  });

  it.each([
    ['openai', 'gpt-5-mini', /^call_[A-Za-z0-9]{24}$/, /^call_[A-Za-z0-9]{24}$/],
    ['deepseek', 'deepseek-v4-flash', /^call_00_[A-Za-z0-9]{24}$/, /^call_01_[A-Za-z0-9]{24}$/],
    ['gemini', 'gemini-3-flash-preview', /^function-call-\d+$/, /^function-call-\d+$/],
  ] as const)('gives %s ids in its vendor form', async (flavor, model, first, second) => {
    const calls = messageOf(await complete(flavor, { model, messages: [user('Weather? [tools=2]')], tools: [WEATHER_TOOL] })).tool_calls ?? [];
    expect(calls[0]?.id).toMatch(first);
    expect(calls[1]?.id).toMatch(second);
    for (const call of calls) expect(call.id).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
  });
});

describe('gemini thought signatures', () => {
  const model = 'gemini-3-flash-preview';
  const ask = (prompt: string, chosenModel = model) => complete('gemini', { model: chosenModel, messages: [user(prompt)], tools: [WEATHER_TOOL] });
  const replay = (calls: ToolCall[], chosenModel = model, before: Body[] = []) =>
    post('gemini', {
      model: chosenModel,
      messages: [{ role: 'system', content: 'Be brief.' }, ...before, user('Weather? [tool]'), replayed(calls), ...results(calls)],
      tools: [WEATHER_TOOL],
    });
  const googleError = (json: unknown) => (json as { error: { code: number; status: string; message: string } }[])[0]?.error;

  it('signs only the first of parallel calls, stream and not', async () => {
    const calls = messageOf(await ask('Weather? [tools=2]')).tool_calls ?? [];
    expect(calls[0]?.extra_content?.google?.thought_signature).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
    expect(calls[1]?.extra_content).toBeUndefined();

    const chunks = await streamChunks('gemini', { model, messages: [user('Weather? [tools=2]')], tools: [WEATHER_TOOL] });
    const opened = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).filter((delta) => delta.id !== undefined);
    expect(opened[0]?.extra_content?.google?.thought_signature).toMatch(/^[A-Za-z0-9+/]{100,}/);
    expect(opened[1]?.extra_content).toBeUndefined();
  });

  it('answers a turn replayed with its signature or the documented dummy', async () => {
    const calls = messageOf(await ask('Weather? [tools=2]')).tool_calls ?? [];
    expect((await replay(calls)).status).toBe(200);
    const [first, ...rest] = withoutExtras(calls);
    const dummy = { ...first, extra_content: { google: { thought_signature: 'skip_thought_signature_validator' } } } as ToolCall;
    expect((await replay([dummy, ...rest])).status).toBe(200);
  });

  it('refuses a turn replayed without its signature, naming the call and its position', async () => {
    const calls = messageOf(await ask('Weather? [tool]')).tool_calls ?? [];
    const reply = await replay(withoutExtras(calls));
    expect(reply.status).toBe(400);
    expect(Array.isArray(reply.json)).toBe(true);
    expect(googleError(reply.json)).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message:
        'Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:get_weather` , position 2. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.',
    });
  });

  it('counts a run of tool results as one content in the position', async () => {
    const parallel = messageOf(await ask('Weather? [tools=2]')).tool_calls ?? [];
    const next = withoutExtras(messageOf(await ask('Weather? [tool]')).tool_calls ?? []);
    const reply = await post('gemini', {
      model,
      messages: [user('Weather? [tool]'), replayed(parallel), ...results(parallel), replayed(next), ...results(next)],
      tools: [WEATHER_TOOL],
    });
    expect(googleError(reply.json)?.message).toContain('function call `default_api:get_weather` , position 4.');
  });

  it('refuses signatures it did not issue: forged, from another model, or invented on a later parallel call', async () => {
    const calls = messageOf(await ask('Weather? [tools=2]')).tool_calls ?? [];
    const [first, second] = calls;
    if (!first || !second) throw new Error('expected two calls');
    const forged = { ...first, extra_content: { google: { thought_signature: Buffer.from('not a real signature').toString('base64') } } };
    const invented = { ...second, extra_content: first.extra_content };
    const otherModel = messageOf(await ask('Weather? [tool]', 'gemini-3.1-pro-preview')).tool_calls ?? [];
    for (const reply of [await replay([forged, second]), await replay([first, invented]), await replay(otherModel)]) {
      expect(reply.status).toBe(400);
      expect(googleError(reply.json)).toEqual({ code: 400, status: 'INVALID_ARGUMENT', message: 'Corrupted thought signature.' });
    }
  });

  it('checks only the current turn, and nothing on models that do not sign', async () => {
    const old = withoutExtras(messageOf(await ask('Weather? [tool]')).tool_calls ?? []);
    expect((await replay(messageOf(await ask('Weather? [tool]')).tool_calls ?? [], model, [user('Earlier'), replayed(old), ...results(old)])).status).toBe(200);

    const unsigned = messageOf(await ask('Weather? [tool]', 'gemini-2.5-flash')).tool_calls ?? [];
    expect(unsigned[0]?.extra_content).toBeUndefined();
    expect((await replay(unsigned, 'gemini-2.5-flash')).status).toBe(200);
  });

  it('refuses reasoning_effort none on a pro model and reasoning_effort beside a native thinking_config', async () => {
    const refused = await post('gemini', { model: 'gemini-3.1-pro-preview', reasoning_effort: 'none', messages: [user('hi')] });
    expect(refused.status).toBe(400);
    expect(googleError(refused.json)).toMatchObject({ status: 'INVALID_ARGUMENT', message: 'Budget 0 is invalid. This model only works in thinking mode.' });
    expect((await post('gemini', { model, reasoning_effort: 'none', messages: [user('hi')] })).status).toBe(200);

    const budget = { extra_body: { google: { thinking_config: { thinking_budget: 1024 } } } };
    const level = { google: { thinking_config: { thinking_level: 'low' } } };
    for (const native of [budget, level]) {
      const both = await post('gemini', { model, reasoning_effort: 'low', ...native, messages: [user('hi')] });
      expect(both.status).toBe(400);
      expect(googleError(both.json)?.message).toContain("can't be used at the same time");
      expect((await post('gemini', { model, ...native, messages: [user('hi')] })).status).toBe(200);
    }
    expect((await post('gemini', { model, reasoning_effort: 'low', messages: [user('hi')] })).status).toBe(200);
  });
});

describe('deepseek thinking mode', () => {
  const model = 'deepseek-v4-flash';
  const thinking = { thinking: { type: 'enabled' } };
  const PASS_BACK = {
    error: { message: 'The reasoning_content in the thinking mode must be passed back to the API.', type: 'invalid_request_error', param: null, code: 'invalid_request_error' },
  };

  it('answers with reasoning_content whenever thinking is on, before the content when streamed', async () => {
    const completion = await complete('deepseek', { model, ...thinking, messages: [user('Say hello')] });
    expect(messageOf(completion).reasoning_content).toBe('Let me think about that.');
    expect(completion.usage.completion_tokens).toBe(3 + 5);
    expect(messageOf(await complete('deepseek', { model, reasoning_effort: 'max', messages: [user('hi')] })).reasoning_content).toBeDefined();
    expect(messageOf(await complete('deepseek', { model, messages: [user('hi')] })).reasoning_content).toBeUndefined();
    const disabled = { model, thinking: { type: 'disabled' }, reasoning_effort: 'high', messages: [user('hi')] };
    expect(messageOf(await complete('deepseek', disabled)).reasoning_content).toBeUndefined();

    const deltas = (await streamChunks('deepseek', { model, ...thinking, messages: [user('hi')] })).map((chunk) => chunk.choices[0]?.delta);
    const firstReasoning = deltas.findIndex((delta) => delta?.reasoning_content !== undefined);
    expect(firstReasoning).toBeGreaterThan(0);
    expect(firstReasoning).toBeLessThan(deltas.findIndex((delta) => delta?.content === 'Hello'));
  });

  it('refuses a tool-call turn replayed without its reasoning_content, and takes it back (even empty)', async () => {
    const answer = messageOf(await complete('deepseek', { model, ...thinking, messages: [user('Weather? [tool]')], tools: [WEATHER_TOOL] }));
    const calls = answer.tool_calls ?? [];
    expect(answer.reasoning_content).toBeDefined();
    const replay = (assistant: Body, extra: Body = thinking) =>
      post('deepseek', { model, ...extra, messages: [user('Weather? [tool]'), assistant, ...results(calls)], tools: [WEATHER_TOOL] });

    const forgotten = await replay(replayed(calls));
    expect(forgotten.status).toBe(400);
    expect(forgotten.json).toEqual(PASS_BACK);
    expect((await replay(replayed(calls, { reasoning_content: answer.reasoning_content }))).status).toBe(200);
    expect((await replay(replayed(calls, { reasoning_content: '' }))).status).toBe(200);
    expect((await replay(replayed(calls), { thinking: { type: 'disabled' } })).status).toBe(200);
  });

  it('refuses an unknown thinking.type (400) and reasoning_effort (422) in its deserializer words', async () => {
    const badType = await post('deepseek', { model, thinking: { type: 'auto' }, messages: [user('hi')] });
    expect(badType.status).toBe(400);
    expect(badType.json).toMatchObject({
      error: { message: expect.stringContaining('thinking.type: unknown variant `auto`, expected one of `adaptive`, `enabled`, `disabled`'), type: 'invalid_request_error' },
    });
    expect((await post('deepseek', { model, thinking: { type: 'adaptive' }, messages: [user('hi')] })).status).toBe(200);

    const body = { model, reasoning_effort: 'extreme', messages: [user('hi')] };
    const badEffort = await post('deepseek', body);
    expect(badEffort.status).toBe(422);
    const column = JSON.stringify(body).indexOf('"extreme"') + '"extreme"'.length;
    expect((badEffort.json as { error: { message: string } }).error.message).toBe(
      `Failed to deserialize the JSON body into the target type: reasoning_effort: unknown variant \`extreme\`, expected one of \`none\`, \`minimal\`, \`low\`, \`medium\`, \`high\`, \`xhigh\`, \`max\` at line 1 column ${column}`,
    );
    for (const effort of ['high', 'max']) expect((await post('deepseek', { model, ...thinking, reasoning_effort: effort, messages: [user('hi')] })).status).toBe(200);
  });
});

describe('openai refuses what other vendors take', () => {
  const clean = { messages: [user('hi')] };

  it.each(['thinking', 'enable_thinking', 'thinking_budget', 'extra_body', 'google'])('refuses a top-level %s, in each family\'s words', async (name) => {
    const value = name === 'thinking' ? { type: 'enabled' } : name === 'enable_thinking' ? true : name === 'thinking_budget' ? 1024 : { google: {} };
    const reasoningModel = await post('openai', { model: 'gpt-5-mini', ...clean, [name]: value });
    expect(reasoningModel.status).toBe(400);
    expect(reasoningModel.json).toEqual({ error: { message: `Unknown parameter: '${name}'.`, type: 'invalid_request_error', param: name, code: 'unknown_parameter' } });
    const legacy = await post('openai', { model: 'gpt-4o', ...clean, [name]: value });
    expect(legacy.json).toEqual({ error: { message: `Unrecognized request argument supplied: ${name}`, type: 'invalid_request_error', param: null, code: null } });
    expect((await post('openai', { model: 'gpt-5-mini', ...clean })).status).toBe(200);
  });

  it('refuses reasoning_effort on gpt-4 and gpt-3.5 models only', async () => {
    for (const model of ['gpt-4o', 'gpt-4.1-mini', 'gpt-3.5-turbo']) {
      const reply = await post('openai', { model, reasoning_effort: 'low', ...clean });
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({ error: { message: 'Unrecognized request argument supplied: reasoning_effort', param: null, code: null } });
      expect((await post('openai', { model, reasoning_effort: null, ...clean })).status).toBe(200);
    }
    expect((await post('openai', { model: 'gpt-5-mini', reasoning_effort: 'low', ...clean })).status).toBe(200);
  });

  it('refuses replayed reasoning state on messages and tool calls', async () => {
    const calls = messageOf(await complete('openai', { model: 'gpt-5-mini', messages: [user('Weather? [tool]')], tools: [WEATHER_TOOL] })).tool_calls ?? [];
    const replay = (assistant: Body) => post('openai', { model: 'gpt-5-mini', messages: [user('Weather?'), assistant, ...results(calls)], tools: [WEATHER_TOOL] });
    const signed = calls.map((call) => ({ ...call, extra_content: { google: { thought_signature: 'abc' } } }));
    for (const [assistant, path] of [
      [replayed(calls, { reasoning_content: 'thoughts' }), 'messages[1].reasoning_content'],
      [replayed(calls, { thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 's' }] }), 'messages[1].thinking_blocks'],
      [replayed(signed), 'messages[1].tool_calls[0].extra_content'],
    ] as const) {
      const reply = await replay(assistant);
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ error: { message: `Unknown parameter: '${path}'.`, type: 'invalid_request_error', param: path, code: 'unknown_parameter' } });
    }
    expect((await replay(replayed(calls))).status).toBe(200);
  });
});

describe('dashscope thinking', () => {
  it('answers enable_thinking with reasoning_content, streamed as deltas', async () => {
    const on = await complete('dashscope', { model: 'qwen3-max', enable_thinking: true, messages: [user('hi')] });
    expect(messageOf(on).reasoning_content).toBe('Let me think about that.');
    expect(messageOf(await complete('dashscope', { model: 'qwen3-max', messages: [user('hi')] })).reasoning_content).toBeUndefined();
    const chunks = await streamChunks('dashscope', { model: 'qwen3-max', enable_thinking: true, messages: [user('hi')] });
    expect(chunks.some((chunk) => chunk.choices[0]?.delta.reasoning_content === 'Let me')).toBe(true);
  });

  it('refuses thinking on a non-stream call of a hybrid open-source Qwen3, where thinking is the default', async () => {
    for (const body of [
      { model: 'qwen3-32b', enable_thinking: true, messages: [user('hi')] },
      { model: 'qwen3-235b-a22b', messages: [user('hi')] },
    ]) {
      const reply = await post('dashscope', body);
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({
        error: { code: 'invalid_parameter_error', param: null, message: 'parameter.enable_thinking must be set to false for non-streaming calls', type: 'invalid_request_error' },
        request_id: expect.any(String),
      });
    }
    expect(messageOf(await complete('dashscope', { model: 'qwen3-32b', enable_thinking: false, messages: [user('hi')] })).reasoning_content).toBeUndefined();
    const streamed = await streamChunks('dashscope', { model: 'qwen3-32b', enable_thinking: true, messages: [user('hi')] });
    expect(streamed.some((chunk) => chunk.choices[0]?.delta.reasoning_content !== undefined)).toBe(true);
  });

  it('takes only a positive integer thinking_budget', async () => {
    for (const budget of [0, -1, 1.5, '1024', 50_000]) {
      const reply = await post('dashscope', { model: 'qwen3-max', enable_thinking: true, thinking_budget: budget, messages: [user('hi')] });
      expect(reply.status).toBe(400);
      expect((reply.json as { error: { message: string } }).error.message).toBe(
        '<400> InternalError.Algo.InvalidParameter: The thinking_budget parameter must be a positive integer and not greater than 38912',
      );
    }
    expect((await post('dashscope', { model: 'qwen3-max', enable_thinking: true, thinking_budget: 1024, messages: [user('hi')] })).status).toBe(200);
  });
});

describe('ark thinking', () => {
  const model = 'doubao-seed-1-6-251015';

  it('takes enabled, disabled and auto, and reasons when enabled', async () => {
    const bad = await post('ark', { model, thinking: { type: 'on' }, messages: [user('hi')] });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      error: { code: 'InvalidParameter', message: expect.stringMatching(/^Unsupported thinking type for the current model: on Request id: 0217/), type: 'BadRequest' },
    });
    expect(messageOf(await complete('ark', { model, thinking: { type: 'enabled' }, messages: [user('hi')] })).reasoning_content).toBe('Let me think about that.');
    for (const type of ['disabled', 'auto']) {
      expect(messageOf(await complete('ark', { model, thinking: { type }, messages: [user('hi')] })).reasoning_content).toBeUndefined();
    }
  });
});

describe('xai reasoning_effort', () => {
  it('refuses the dial on models named for their reasoning mode', async () => {
    for (const model of ['grok-4-1-fast-reasoning', 'grok-4-1-fast-non-reasoning']) {
      const reply = await post('xai', { model, reasoning_effort: 'low', messages: [user('hi')] });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ code: 'Client specified an invalid argument', error: `Model ${model} does not support parameter reasoningEffort.` });
      expect((await post('xai', { model, messages: [user('hi')] })).status).toBe(200);
    }
    expect((await post('xai', { model: 'grok-4.3', reasoning_effort: 'low', messages: [user('hi')] })).status).toBe(200);
  });
});
