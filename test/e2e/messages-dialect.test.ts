import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTextGateway, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

/**
 * Anthropic's Messages API at reelay's edge (POST /v1/messages), driven by the official SDK the
 * way Claude Code and agents built on it drive it, against an Anthropic group and an OpenAI one.
 */
let gateway: TextGateway;
let client: Anthropic;

beforeAll(async () => {
  gateway = await startTextGateway({
    // Gemini 3 signs its tool calls; an Anthropic client never sees (or returns) the signature.
    extraModels: (fakes) => `  - model_name: gemini3-chat
    litellm_params: { model: gemini/gemini-3-flash-preview, api_base: ${fakes.gemini!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY }
    model_info: { id: gemini3-fake }`,
  });
  client = new Anthropic({ baseURL: gateway.baseUrl, apiKey: TEXT_MASTER_KEY, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
});

const WEATHER_TOOL: Anthropic.Tool = { name: 'get_weather', description: 'Weather in a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

type Json = Record<string, unknown>;
const lastBody = (family: string) => gateway.fakes[family]!.received().at(-1)!.body;

describe.each(['anthropic', 'openai'] as const)('the Anthropic SDK through /v1/messages to the %s group', (family) => {
  const model = `${family}-chat`;

  it('non-stream: a Message with the text, end_turn, the group as model and non-zero usage', async () => {
    const { data, response } = await client.messages.create({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Say hello' }] }).withResponse();
    expect(data.id).toMatch(/^msg_/);
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model, stop_reason: 'end_turn', stop_sequence: null });
    expect(data.content).toEqual([{ type: 'text', text: `Hello from ${family}` }]);
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBe(3);
    expect(response.headers.get('x-reelay-deployment-id')).toBe(`${family}-fake`);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
  });

  it('messages.stream().finalMessage(): the text assembled from the deltas, and usage', async () => {
    const stream = client.messages.stream({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Count [long=4]' }] });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'w1 w2 w3 w4' }]);
    expect(texts.join('')).toBe('w1 w2 w3 w4');
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBe(4);
  });

  it('raw stream: Anthropic events in order, input usage in message_start already, output usage in message_delta', async () => {
    const { data: stream, response } = await client.messages.create({ model, max_tokens: 256, stream: true, messages: [{ role: 'user', content: 'Say hello' }] }).withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const names = events.map((event) => event.type);
    expect(names[0]).toBe('message_start');
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(names.filter((name) => name === 'content_block_start')).toHaveLength(1);
    const start = events[0] as Anthropic.RawMessageStartEvent;
    // Claude Code breaks on a zeroed message_start usage (LiteLLM #24176).
    expect(start.message.usage.input_tokens).toBeGreaterThan(0);
    const text = events.flatMap((event) => (event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? [event.delta.text] : [])).join('');
    expect(text).toBe(`Hello from ${family}`);
    const delta = events.at(-2) as Anthropic.RawMessageDeltaEvent;
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage.output_tokens).toBe(3);
    expect(delta.usage.input_tokens).toBeGreaterThan(0);
  });

  it.each([false, true])('a tool round trip (stream: %s): tool_use with its input, then the result answered', async (streamed) => {
    const ask = async (messages: Anthropic.MessageParam[]) => {
      const params = { model, max_tokens: 256, tools: [WEATHER_TOOL], messages };
      return streamed ? client.messages.stream(params).finalMessage() : client.messages.create(params);
    };
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris? [tool]' };
    const first = await ask([question]);
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((block) => block.type === 'tool_use');
    // The input arrives in two input_json_delta pieces when streamed: never lost (LiteLLM #25321, #25836).
    expect(call).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
    expect(call!.id).toEqual(expect.any(String));
    expect(first.usage.output_tokens).toBeGreaterThan(0);

    const second = await ask([
      question,
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call!.id, content: '18°C and sunny' }, { type: 'text', text: 'Thanks' }] },
    ]);
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: `Hello from ${family}` }]);
    // The vendor got the result paired with its own call.
    const messages = lastBody(family).messages as Json[];
    if (family === 'openai') {
      expect(messages.find((message) => message.role === 'tool')).toMatchObject({ tool_call_id: call!.id, content: '18°C and sunny' });
    } else {
      const results = messages.flatMap((message) => (Array.isArray(message.content) ? (message.content as Json[]) : [])).filter((block) => block.type === 'tool_result');
      expect(results).toEqual([expect.objectContaining({ tool_use_id: call!.id })]);
    }
  });

  it('a failure after the first content: an error event (no message_stop) the SDK raises', async () => {
    const stream = await client.messages.create({ model, max_tokens: 256, stream: true, messages: [{ role: 'user', content: 'Count [long=4] [cut-after=2]' }] });
    const events: string[] = [];
    const failure = await (async () => {
      try {
        for await (const event of stream) events.push(event.type);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).type).toMatch(/^(overloaded_error|api_error)$/);
    expect(events).toContain('content_block_delta');
    expect(events).not.toContain('message_stop');
  });

  it('top_k has no OpenAI counterpart: dropped and named in x-reelay-dropped-params', async () => {
    // Older SDKs and raw clients still send it (the 1.x types no longer list it).
    const params = { model, max_tokens: 256, top_k: 5, messages: [{ role: 'user', content: 'Hi' }] } as Anthropic.MessageCreateParamsNonStreaming;
    const { data, response } = await client.messages.create(params).withResponse();
    expect(data.content[0]).toMatchObject({ type: 'text' });
    expect(response.headers.get('x-reelay-dropped-params')).toBe('top_k');
    expect(lastBody(family).top_k).toBeUndefined();
  });
});

describe('thinking through /v1/messages to Anthropic', () => {
  const model = 'anthropic-chat';
  const thinking = { type: 'enabled' as const, budget_tokens: 1024 };

  it('stream: signed thinking then tool_use; the SDK sends the blocks back and the fake sees the signature unchanged', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris? [reasoning] [tool]' };
    const first = await client.messages.stream({ model, max_tokens: 2048, thinking, tools: [WEATHER_TOOL], messages: [question] }).finalMessage();
    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    const block = first.content[0] as Anthropic.ThinkingBlock;
    expect(block.thinking).toBe('The user wants an answer; a short one will do.');
    expect(block.signature).not.toBe('');
    const call = first.content[1] as Anthropic.ToolUseBlock;

    const second = await client.messages.create({
      model,
      max_tokens: 2048,
      thinking,
      tools: [WEATHER_TOOL],
      messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'sunny' }] }],
    });
    expect(second.stop_reason).toBe('end_turn');
    const replayed = (lastBody('anthropic').messages as Json[])[1]!.content as Json[];
    expect(replayed[0]).toEqual({ type: 'thinking', thinking: block.thinking, signature: block.signature });
  });

  it('non-stream: thinking, redacted_thinking and thinking in order, replayed in that order', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather? [reasoning] [redacted] [tool]' };
    const first = await client.messages.create({ model, max_tokens: 2048, thinking, tools: [WEATHER_TOOL], messages: [question] });
    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'redacted_thinking', 'thinking', 'tool_use']);
    const call = first.content[3] as Anthropic.ToolUseBlock;
    const second = await client.messages.stream({
      model,
      max_tokens: 2048,
      thinking,
      tools: [WEATHER_TOOL],
      messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'sunny' }] }],
    }).finalMessage();
    expect(second.stop_reason).toBe('end_turn');
    const replayed = (lastBody('anthropic').messages as Json[])[1]!.content as Json[];
    expect(replayed.map((b) => b.type)).toEqual(['thinking', 'redacted_thinking', 'thinking', 'tool_use']);
    expect(replayed[1]).toEqual({ type: 'redacted_thinking', data: (first.content[1] as Anthropic.RedactedThinkingBlock).data });
  });

  it('a cache breakpoint on the system prompt reaches Anthropic; cache reads are reported apart from input_tokens', async () => {
    const system = 'You are a weather assistant who answers in one short sentence. '.repeat(4);
    const content = 'Say hello';
    const message = await client.messages.create({ model, max_tokens: 256, system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content }] });
    // The fake caches 10 of ceil(characters / 4) prompt tokens when it sees a breakpoint.
    expect(message.usage.cache_read_input_tokens).toBe(10);
    expect(message.usage.input_tokens).toBe(Math.ceil((system.length + content.length) / 4) - 10);
  });
});

describe('reasoning state of other vendors survives a Messages client', () => {
  it.each([false, true])('DeepSeek thinking (stream: %s): unsigned thinking blocks, sent back as the reasoning_content DeepSeek requires', async (streamed) => {
    const model = 'deepseek-chat';
    const ask = (messages: Anthropic.MessageParam[]) => {
      const params = { model, max_tokens: 2048, thinking: { type: 'enabled' as const, budget_tokens: 1024 }, tools: [WEATHER_TOOL], messages };
      return streamed ? client.messages.stream(params).finalMessage() : client.messages.create(params);
    };
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris? [reasoning] [tool]' };
    const first = await ask([question]);
    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    const block = first.content[0] as Anthropic.ThinkingBlock;
    expect(block.thinking).not.toBe('');
    // DeepSeek signs nothing: the block says so rather than carry a signature it never had.
    expect(block.signature).toBe('');
    const call = first.content[1] as Anthropic.ToolUseBlock;
    const second = await ask([question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'sunny' }, { type: 'text', text: 'Thanks' }] }]);
    expect(second.content.some((b) => b.type === 'text')).toBe(true);
    const assistant = (lastBody('deepseek').messages as Json[]).find((message) => message.role === 'assistant')!;
    expect(assistant.reasoning_content).toBe(block.thinking);
  });

  it('thinking sent to an OpenAI group (Claude Code sends it by default) is served, not refused', async () => {
    const message = await client.messages.create({ model: 'openai-chat', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'Say hello' }] });
    expect(message.content.at(-1)).toEqual({ type: 'text', text: 'Hello from openai' });
    expect(lastBody('openai').thinking).toBeUndefined();
  });

  it('Gemini 3 thought signatures: a tool loop works though the client never saw them', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris? [tool]' };
    const params = { model: 'gemini3-chat', max_tokens: 256, tools: [WEATHER_TOOL] };
    const first = await client.messages.create({ ...params, messages: [question] });
    const call = first.content.find((block) => block.type === 'tool_use')!;
    const second = await client.messages.stream({ ...params, messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'sunny' }] }] }).finalMessage();
    expect(second.content.length).toBeGreaterThan(0);
    const replayed = (lastBody('gemini').messages as Json[]).find((message) => message.role === 'assistant')!;
    expect(((replayed.tool_calls as Json[])[0]!.extra_content as Json | undefined)?.google).toBeDefined();
  });
});

describe('errors in Anthropic\'s shape, through the SDK', () => {
  it('a wrong key is an AuthenticationError naming the gateway key', async () => {
    const wrong = new Anthropic({ baseURL: gateway.baseUrl, apiKey: 'sk-ant-not-the-gateway-key', maxRetries: 0 });
    const error = await wrong.messages.create({ model: 'anthropic-chat', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as APIError).type).toBe('authentication_error');
    expect((error as APIError).message).toMatch(/gateway key \(REELAY_MASTER_KEY/);
    expect((error as APIError).requestID).toMatch(/^req_/);
  });

  it('an unknown model is a NotFoundError listing the text models', async () => {
    const error = await client.messages.create({ model: 'claude-nope', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as APIError).type).toBe('not_found_error');
    expect((error as APIError).apiMessage).toMatch(/"claude-nope" does not exist\. Text models you can use: .*anthropic-chat.*openai-chat/);
    expect((error as APIError).errorCode).toBe('model_not_found');
  });

  it('a missing max_tokens is a BadRequestError saying what it is for', async () => {
    const params = { model: 'openai-chat', messages: [{ role: 'user', content: 'Hi' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    const error = await client.messages.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as APIError).type).toBe('invalid_request_error');
    expect((error as APIError).message).toMatch(/max_tokens is required: the most tokens the answer may have/);
  });

  it('a server tool is a BadRequestError naming it', async () => {
    const error = await client.messages.create({ model: 'openai-chat', max_tokens: 16, tools: [{ type: 'web_search_20250305', name: 'web_search' }], messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as APIError).apiMessage).toMatch(/"web_search" \(type "web_search_20250305"\).*reelay passes only client tools/);
  });

  it('every deployment failing is the vendor\'s status class, with the attempts listed', async () => {
    const error = await client.messages.create({ model: 'anthropic-busy', max_tokens: 16, messages: [{ role: 'user', content: 'Hi [429]' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const body = (error as APIError).error as { error: { type: string; message: string; attempts: Json[] } };
    expect(body.error.type).toBe('rate_limit_error');
    expect(body.error.message).toMatch(/deployment "anthropic-busy-fake"/);
    expect(body.error.attempts[0]).toMatchObject({ deployment: 'anthropic-busy-fake', code: 'upstream_rate_limited' });
  });
});

describe('the other ways in', () => {
  it('the key as x-api-key (older SDKs, Claude Code with ANTHROPIC_API_KEY) works; a wrong one is a 401 in Anthropic\'s shape', async () => {
    const post = (key: string) =>
      fetch(`${gateway.baseUrl}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'prompt-caching-2024-07-31', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'openai-chat', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello' }] }),
      });
    const ok = await post(TEXT_MASTER_KEY);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'Hello from openai' }] });
    const refused = await post('sk-wrong');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('request-id')).toMatch(/^req_/);
    expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: expect.stringMatching(/gateway key/) } });
  });

  it('count_tokens estimates the input of the translated request, for a known group', async () => {
    const short = await client.messages.countTokens({ model: 'anthropic-chat', messages: [{ role: 'user', content: 'Hi' }] });
    const long = await client.messages.countTokens({ model: 'openai-chat', system: 'x'.repeat(400), tools: [WEATHER_TOOL], messages: [{ role: 'user', content: 'Hi' }] });
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens + 99);
    await expect(client.messages.countTokens({ model: 'nope', messages: [{ role: 'user', content: 'Hi' }] })).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });

  it('models.list() in Anthropic\'s shape lists the text groups', async () => {
    const ids: string[] = [];
    for await (const info of client.models.list()) {
      expect(info.type).toBe('model');
      ids.push(info.id);
    }
    expect(ids).toEqual(expect.arrayContaining(['anthropic-chat', 'openai-chat', 'gemini-chat', 'deepseek-chat']));
    expect((await client.models.retrieve('openai-chat')).id).toBe('openai-chat');
  });
});
