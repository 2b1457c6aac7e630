import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatFake } from '../fakes/chat/chat-fake';
import { collectChatStream } from '../support/chat-stream';
import { startTextGateway, TEXT_FAKE_KEY, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

/**
 * Reasoning state across turns, with a client that drops every field it does not know (as
 * LangChain, small SDKs and most backends do): the fakes answer 400 exactly where the real
 * vendors do when the state is missing, so each pass here is the vault at work.
 */
let gateway: TextGateway;
let clients: OpenAI[];

const GEMINI_3 = 'gemini-3.1-pro-preview';
const GEMINI_3_FLASH = 'gemini-3-flash-preview';

beforeAll(async () => {
  const entry = (name: string, model: string, fake: ChatFake, extra = '') => `  - model_name: ${name}
    litellm_params: { model: ${model}, api_base: ${fake.apiBase}, api_key: os.environ/TEXT_FAKE_KEY${extra} }
    model_info: { id: ${name}-fake }`;
  gateway = await startTextGateway({
    // Two api processes: the state a turn leaves on one must be found by the next turn on the other.
    apis: 2,
    extraModels: (fakes) =>
      [
        entry('gemini-3', `gemini/${GEMINI_3}`, fakes.gemini!),
        entry('gemini-3-flash', `gemini/${GEMINI_3_FLASH}`, fakes.gemini!),
        `  - model_name: claude-then-gemini
    litellm_params: { model: anthropic/broken-claude, api_base: ${fakes.anthropic!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, order: 1 }
    model_info: { id: claude-broken-fake }
  - model_name: claude-then-gemini
    litellm_params: { model: gemini/${GEMINI_3}, api_base: ${fakes.gemini!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, order: 2 }
    model_info: { id: gemini-after-claude-fake }`,
      ].join('\n'),
  });
  clients = gateway.baseUrls.map((baseUrl) => new OpenAI({ apiKey: TEXT_MASTER_KEY, baseURL: `${baseUrl}/v1`, maxRetries: 0 }));
});
afterAll(async () => {
  await gateway?.stop();
});

const WEATHER_TOOL = { type: 'function' as const, function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
type Message = OpenAI.ChatCompletionMessageParam;
type Json = Record<string, any>;
const PORTABLE_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** What a client that knows only OpenAI's fields keeps of an assistant turn. */
function forgetful(message: { content?: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }> }): Message {
  return {
    role: 'assistant',
    content: message.content ?? null,
    tool_calls: (message.tool_calls ?? []).map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.function.name, arguments: call.function.arguments } })),
  };
}

function toolResults(calls: Array<{ id: string }>): Message[] {
  return calls.map((call) => ({ role: 'tool' as const, tool_call_id: call.id, content: '{"temp_c": 18}' }));
}

/** A stream read as a forgetful client reads it: content, reasoning, and tool calls by index; everything else dropped. */
async function streamed(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  const { text, reasoning, toolCalls } = await collectChatStream(stream);
  return { content: text, reasoning, tool_calls: toolCalls };
}

const lastBody = (fake: ChatFake) => fake.received().at(-1)!.body as Json;

/**
 * The vendor answered the continuation (a 400 would have thrown). The OpenAI-compatible fakes
 * read their markers from the last user message, so the answer may be another tool call.
 */
function answered(message: { content?: string | null; tool_calls?: unknown[] }) {
  expect(message.content || (message.tool_calls?.length ?? 0) > 0).toBeTruthy();
}

describe('Gemini 3 thought signatures', () => {
  it('non-stream: a forgetful client continues the tool loop on another api process, and Gemini gets its own signature back', async () => {
    const question: Message = { role: 'user', content: 'Weather in Paris? [tool]' };
    const first = await clients[0]!.chat.completions.create({ model: 'gemini-3', messages: [question], tools: [WEATHER_TOOL] });
    const call = first.choices[0]!.message.tool_calls![0]! as Json;
    const signature = call.extra_content?.google?.thought_signature as string;
    // Clients that keep unknown fields get the signature where Gemini puts it.
    expect(signature).toEqual(expect.any(String));
    expect(call.id).toMatch(PORTABLE_ID);

    const history: Message[] = [question, forgetful(first.choices[0]!.message as never), ...toolResults([call as never])];
    const second = await clients[1]!.chat.completions.create({ model: 'gemini-3', messages: history, tools: [WEATHER_TOOL] });
    answered(second.choices[0]!.message);
    expect(lastBody(gateway.fakes.gemini!).messages[1].tool_calls[0].extra_content.google.thought_signature).toBe(signature);
  });

  it('the same history sent straight to the vendor, without reelay, is the 400 users saw', async () => {
    const question: Message = { role: 'user', content: 'Weather in Paris? [tool]' };
    const first = await clients[0]!.chat.completions.create({ model: 'gemini-3', messages: [question], tools: [WEATHER_TOOL] });
    const direct = await fetch(`${gateway.fakes.gemini!.apiBase}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEXT_FAKE_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: GEMINI_3, tools: [WEATHER_TOOL], messages: [question, forgetful(first.choices[0]!.message as never), ...toolResults(first.choices[0]!.message.tool_calls!)] }),
    });
    expect(direct.status).toBe(400);
    expect(await direct.text()).toContain('missing a thought_signature');
  });

  it('stream, parallel calls: the signature goes back on the first call only, none is invented for the others', async () => {
    const question: Message = { role: 'user', content: 'Weather in two cities? [tools=2]' };
    const first = await streamed(await clients[0]!.chat.completions.create({ model: 'gemini-3', messages: [question], tools: [WEATHER_TOOL], stream: true }));
    expect(first.tool_calls).toHaveLength(2);
    for (const call of first.tool_calls) expect(call.id).toMatch(PORTABLE_ID);

    const history: Message[] = [question, forgetful(first), ...toolResults(first.tool_calls)];
    const second = await streamed(await clients[1]!.chat.completions.create({ model: 'gemini-3', messages: history, tools: [WEATHER_TOOL], stream: true }));
    answered(second);
    const sent = lastBody(gateway.fakes.gemini!).messages[1].tool_calls as Json[];
    expect(sent[0]!.extra_content.google.thought_signature).toMatch(/^(?!skip_thought_signature_validator$)/);
    expect(sent[1]!.extra_content).toBeUndefined();
  });

  it("another Gemini model gets the documented placeholder, not a signature it would call corrupted", async () => {
    const question: Message = { role: 'user', content: 'Weather in Paris? [tool]' };
    const first = await clients[0]!.chat.completions.create({ model: 'gemini-3', messages: [question], tools: [WEATHER_TOOL] });
    const history: Message[] = [question, forgetful(first.choices[0]!.message as never), ...toolResults(first.choices[0]!.message.tool_calls!)];
    const second = await clients[0]!.chat.completions.create({ model: 'gemini-3-flash', messages: history, tools: [WEATHER_TOOL] });
    answered(second.choices[0]!.message);
    expect(lastBody(gateway.fakes.gemini!).messages[1].tool_calls[0].extra_content.google.thought_signature).toBe('skip_thought_signature_validator');
  });
});

describe('Claude extended thinking', () => {
  const question: Message = { role: 'user', content: 'Weather in Paris? [tool] [reasoning] [redacted]' };

  it('non-stream: thinking shows as reasoning_content, and every block goes back unchanged and in order for a forgetful client', async () => {
    const first = await clients[0]!.chat.completions.create({ model: 'anthropic-chat', messages: [question], tools: [WEATHER_TOOL], reasoning_effort: 'low' });
    const message = first.choices[0]!.message as Json;
    expect(message.reasoning_content).toMatch(/short one will do/);
    const blocks = message.thinking_blocks as Json[];
    expect(blocks.map((block) => block.type)).toEqual(['thinking', 'redacted_thinking', 'thinking']);
    expect(message.tool_calls[0].id).toMatch(PORTABLE_ID);

    const history: Message[] = [question, forgetful(message as never), ...toolResults(message.tool_calls)];
    const { data: second, response } = await clients[1]!.chat.completions.create({ model: 'anthropic-chat', messages: history, tools: [WEATHER_TOOL], reasoning_effort: 'low' }).withResponse();
    expect(second.choices[0]!.message.content).toMatch(/Hello/);
    expect(response.headers.get('x-reelay-translated-params')).toContain('reasoning_effort->thinking.budget_tokens=1024');
    const replayed = (lastBody(gateway.fakes.anthropic!).messages[1].content as Json[]).filter((block) => block.type !== 'text');
    expect(replayed).toEqual([...blocks, { type: 'tool_use', id: message.tool_calls[0].id, name: 'get_weather', input: { city: 'Paris' } }]);
  });

  it('stream: the same, with the thinking streamed as reasoning_content deltas', async () => {
    const first = await streamed(await clients[0]!.chat.completions.create({ model: 'anthropic-chat', messages: [question], tools: [WEATHER_TOOL], reasoning_effort: 'low', stream: true }));
    expect(first.reasoning).toMatch(/short one will do/);
    const history: Message[] = [question, forgetful(first), ...toolResults(first.tool_calls)];
    const second = await streamed(await clients[1]!.chat.completions.create({ model: 'anthropic-chat', messages: history, tools: [WEATHER_TOOL], reasoning_effort: 'low', stream: true }));
    expect(second.content).toMatch(/Hello/);
    const types = (lastBody(gateway.fakes.anthropic!).messages[1].content as Json[]).map((block) => block.type);
    expect(types).toEqual(['thinking', 'redacted_thinking', 'thinking', 'tool_use']);
  });

  it("a tool loop Gemini began goes on with Claude: thinking is left off for that turn and reported, not a 400", async () => {
    const geminiQuestion: Message = { role: 'user', content: 'Weather in Paris? [tool]' };
    const first = await clients[0]!.chat.completions.create({ model: 'gemini-3', messages: [geminiQuestion], tools: [WEATHER_TOOL] });
    const history: Message[] = [geminiQuestion, forgetful(first.choices[0]!.message as never), ...toolResults(first.choices[0]!.message.tool_calls!)];
    const { data, response } = await clients[0]!.chat.completions.create({ model: 'anthropic-chat', messages: history, tools: [WEATHER_TOOL], reasoning_effort: 'low' }).withResponse();
    expect(data.choices[0]!.message.content).toMatch(/Hello/);
    expect(response.headers.get('x-reelay-dropped-params')).toContain('reasoning_effort');
    const sent = lastBody(gateway.fakes.anthropic!);
    expect(sent.thinking).toBeUndefined();
    // Gemini's signature is no use to Claude and never reaches it.
    expect(JSON.stringify(sent)).not.toContain('thought_signature');
  });
});

describe('DeepSeek V4 reasoning_content', () => {
  it('goes back on the tool-call turn for a forgetful client, and reasoning_effort becomes thinking.type', async () => {
    const question: Message = { role: 'user', content: 'Weather in Paris? [tool]' };
    const { data: first, response } = await clients[0]!.chat.completions.create({ model: 'deepseek-chat', messages: [question], tools: [WEATHER_TOOL], reasoning_effort: 'high' }).withResponse();
    expect(response.headers.get('x-reelay-translated-params')).toContain('reasoning_effort->thinking.type=enabled');
    expect(lastBody(gateway.fakes.deepseek!)).toMatchObject({ thinking: { type: 'enabled' }, reasoning_effort: 'high' });
    const reasoning = (first.choices[0]!.message as Json).reasoning_content as string;
    expect(reasoning).toEqual(expect.any(String));
    expect(reasoning.length).toBeGreaterThan(0);

    const history: Message[] = [question, forgetful(first.choices[0]!.message as never), ...toolResults(first.choices[0]!.message.tool_calls!)];
    const second = await clients[1]!.chat.completions.create({ model: 'deepseek-chat', messages: history, tools: [WEATHER_TOOL], reasoning_effort: 'high' });
    answered(second.choices[0]!.message);
    expect(lastBody(gateway.fakes.deepseek!).messages[1].reasoning_content).toBe(reasoning);
  });
});

describe('a conversation that moves to another vendor', () => {
  const question: Message = { role: 'user', content: 'Weather in Paris? [tool] [reasoning]' };
  async function claudeTurn() {
    const first = await clients[0]!.chat.completions.create({ model: 'anthropic-chat', messages: [question], tools: [WEATHER_TOOL], reasoning_effort: 'low' });
    return first.choices[0]!.message as Json;
  }

  it('fails over from Claude to Gemini 3 mid-loop: the thinking blocks stay behind and Gemini gets its placeholder', async () => {
    const message = await claudeTurn();
    const history: Message[] = [question, forgetful(message as never), ...toolResults(message.tool_calls)];
    const { data, response } = await clients[0]!.chat.completions.create({ model: 'claude-then-gemini', messages: history, tools: [WEATHER_TOOL] }).withResponse();
    answered(data.choices[0]!.message);
    expect(response.headers.get('x-reelay-attempts')).toBe('2');
    const sent = lastBody(gateway.fakes.gemini!).messages[1] as Json;
    expect(sent.tool_calls[0].extra_content.google.thought_signature).toBe('skip_thought_signature_validator');
    expect(sent.thinking_blocks).toBeUndefined();
    expect(sent.reasoning_content).toBeUndefined();
  });

  it('moves from Claude to DeepSeek in thinking mode: an empty reasoning_content goes where DeepSeek needs one', async () => {
    const message = await claudeTurn();
    const history: Message[] = [question, forgetful(message as never), ...toolResults(message.tool_calls)];
    const data = await clients[0]!.chat.completions.create({ model: 'deepseek-chat', messages: history, tools: [WEATHER_TOOL], reasoning_effort: 'high' });
    answered(data.choices[0]!.message);
    const sent = lastBody(gateway.fakes.deepseek!).messages[1] as Json;
    expect(sent.reasoning_content).toBe('');
    expect(sent.thinking_blocks).toBeUndefined();
  });

  it('moves from Claude to OpenAI with a client that keeps every field: none of them reaches OpenAI, which would refuse them', async () => {
    const message = await claudeTurn();
    const history = [question, { ...message, role: 'assistant' }, ...toolResults(message.tool_calls)] as Message[];
    const data = await clients[0]!.chat.completions.create({ model: 'openai-chat', messages: history, tools: [WEATHER_TOOL] });
    answered(data.choices[0]!.message);
    const sent = lastBody(gateway.fakes.openai!).messages[1] as Json;
    expect(Object.keys(sent).sort()).toEqual(['content', 'role', 'tool_calls']);
  });
});

describe('reasoning knobs per vendor', () => {
  it('a value no vendor knows is a 400 naming the allowed ones, not dropped in silence', async () => {
    const error = (await clients[0]!.chat.completions.create({ model: 'anthropic-chat', messages: [{ role: 'user', content: 'Hi' }], reasoning_effort: 'ultra' as never }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(400);
    expect(error.message).toContain('reasoning_effort must be one of none, minimal, low, medium, high, xhigh, max');
  });

  it('DashScope: reasoning_effort becomes enable_thinking and a budget', async () => {
    const stream = await clients[0]!.chat.completions.create({ model: 'dashscope-chat', messages: [{ role: 'user', content: 'Hi' }], reasoning_effort: 'low', stream: true });
    await streamed(stream);
    const sent = lastBody(gateway.fakes.dashscope!);
    expect(sent).toMatchObject({ enable_thinking: true, thinking_budget: 1024 });
    expect(sent.reasoning_effort).toBeUndefined();
  });

  it('Ark: reasoning_effort none turns thinking off with thinking.type', async () => {
    await clients[0]!.chat.completions.create({ model: 'volcengine-chat', messages: [{ role: 'user', content: 'Hi' }], reasoning_effort: 'none' });
    const sent = lastBody(gateway.fakes.volcengine!);
    expect(sent.thinking).toEqual({ type: 'disabled' });
    expect(sent.reasoning_effort).toBeUndefined();
  });

  it('xAI: a model that picks its reasoning by variant gets no reasoning_effort, and the client is told', async () => {
    const { data, response } = await clients[0]!.chat.completions.create({ model: 'xai-chat', messages: [{ role: 'user', content: 'Hi' }], reasoning_effort: 'high' }).withResponse();
    answered(data.choices[0]!.message);
    expect(response.headers.get('x-reelay-dropped-params')).toBe('reasoning_effort');
    expect(lastBody(gateway.fakes.xai!).reasoning_effort).toBeUndefined();
  });

  it('Gemini 3 Pro cannot stop thinking: none becomes its lowest level, reported', async () => {
    const { response } = await clients[0]!.chat.completions.create({ model: 'gemini-3', messages: [{ role: 'user', content: 'Hi' }], reasoning_effort: 'none' }).withResponse();
    expect(response.headers.get('x-reelay-translated-params')).toContain('reasoning_effort->reasoning_effort=low');
    expect(lastBody(gateway.fakes.gemini!).reasoning_effort).toBe('low');
  });
});
