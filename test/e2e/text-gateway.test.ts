import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { collectChatStream } from '../support/chat-stream';
import { startTextGateway, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

let gateway: TextGateway;
let client: OpenAI;

beforeAll(async () => {
  gateway = await startTextGateway({
    extraModels: (fakes) => `  - model_name: perplexity-drop
    litellm_params: { model: perplexity/${fakes.perplexity!.model}, api_base: ${fakes.perplexity!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, drop_params: true }
    model_info: { id: perplexity-drop-fake }
  - model_name: claude-3-sonnet
    litellm_params: { model: anthropic/claude-3-sonnet-20240229, api_base: ${fakes.anthropic!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY }
    model_info: { id: claude-retired-fake }`,
  });
  client = new OpenAI({ apiKey: TEXT_MASTER_KEY, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
});

const FAMILIES = ['openai', 'xai', 'perplexity', 'dashscope', 'volcengine', 'openrouter', 'deepseek', 'gemini', 'anthropic'] as const;
const WEATHER_TOOL = { type: 'function' as const, function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };

describe.each(FAMILIES)('the openai client through reelay to %s', (family) => {
  const model = `${family}-chat`;

  it('non-stream: the answer and the upstream usage, with the deployment named in a header', async () => {
    const { data, response } = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Say hello' }] }).withResponse();
    expect(data.choices[0]!.message.content).toMatch(/Hello/);
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(data.usage!.completion_tokens).toBe(3);
    expect(data.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage!.total_tokens).toBe(data.usage!.prompt_tokens + data.usage!.completion_tokens);
    expect(response.headers.get('x-reelay-deployment-id')).toBe(`${family}-fake`);
    // The vendor got its own model id, never the group name (Perplexity's Agent API calls sonar `perplexity/sonar`).
    expect(gateway.fakes[family]!.received().at(-1)!.body.model).toBe(family === 'perplexity' ? 'perplexity/sonar' : gateway.fakes[family]!.model);
  });

  it('stream with include_usage: every piece in order, one final usage chunk, then the end', async () => {
    const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Count [long=4]' }], stream: true, stream_options: { include_usage: true } });
    const { text, finish, usages } = await collectChatStream(stream);
    expect(text.replace(/\s+/g, ' ').trim()).toBe('w1 w2 w3 w4');
    expect(finish).toBe('stop');
    expect(usages).toHaveLength(1);
    expect(usages[0]!.completion_tokens).toBe(4);
  });

  it('stream without include_usage: no usage chunk reaches the client', async () => {
    const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((chunk) => chunk.choices.length === 0)).toBe(false);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')).toMatch(/Hello/);
  });

  it('tools: a tool call comes back parsed, and the tool result goes on to a final answer (Perplexity has no tools: a 400 naming the option)', async () => {
    if (family === 'perplexity') {
      const refused = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather?' }], tools: [WEATHER_TOOL] }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
      expect((refused as Error).message).toMatch(/tools.*drop_params/);
      expect((refused as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('tools');
      return;
    }
    const first = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Paris? [tool]' }], tools: [WEATHER_TOOL] });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call.type === 'function' && call.function.name).toBe('get_weather');
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    const second = await client.chat.completions.create({
      model,
      tools: [WEATHER_TOOL],
      messages: [
        { role: 'user', content: 'Weather in Paris? [tool]' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"temp": 18}' },
        { role: 'user', content: 'Thanks, summarise' },
      ],
    });
    expect(second.choices[0]!.message.content).toMatch(/Hello/);
  });

  it('tools, streamed: the call id, name and arguments assemble (Perplexity with drop_params: tools dropped and listed in a header)', async () => {
    if (family === 'perplexity') {
      const { data, response } = await client.chat.completions.create({ model: 'perplexity-drop', messages: [{ role: 'user', content: 'Weather?' }], tools: [WEATHER_TOOL], tool_choice: 'auto' }).withResponse();
      expect(data.choices[0]!.message.content).toMatch(/Hello/);
      expect(response.headers.get('x-reelay-dropped-params')).toBe('tools, tool_choice');
      // The client's function tool is gone; what is left is the web search Sonar always did.
      expect(gateway.fakes.perplexity!.received().at(-1)!.body.tools).toEqual([{ type: 'web_search' }]);
      return;
    }
    const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather? [tool]' }], tools: [WEATHER_TOOL], stream: true });
    let args = '';
    let name = '';
    let id = '';
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
        args += call.function?.arguments ?? '';
        name ||= call.function?.name ?? '';
        id ||= call.id ?? '';
      }
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(id.length).toBeGreaterThan(0);
  });

  it("a wrong vendor key is the client's AuthenticationError, naming the group, the deployment and the variable, without the key", async () => {
    const error = await client.chat.completions.create({ model: `${family}-wrong-key`, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const message = (error as Error).message;
    expect(message).toContain(`${family}-wrong-key`);
    expect(message).toContain('WRONG_KEY');
    expect(message).not.toContain('sk-not-the-right-key-9876');
  });

  it("a 429 is the client's RateLimitError with Retry-After, in the vendor's own words; the deployment then cools down", async () => {
    const error = await client.chat.completions.create({ model: `${family}-busy`, messages: [{ role: 'user', content: 'Hi [429]' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toMatch(/^\d+$/);
    expect((error as Error).message).toContain(`${family}-busy-fake`);
    const requests = gateway.fakes[family]!.stats().requests;
    // The vendor asked for a pause: the next request is not sent to it at all, and says why.
    const next = await client.chat.completions.create({ model: `${family}-busy`, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(next).toBeInstanceOf(OpenAI.RateLimitError);
    expect((next as Error).message).toMatch(/cooling down/);
    expect(gateway.fakes[family]!.stats().requests).toBe(requests);
  });
});

describe('vendor extras survive', () => {
  it('Perplexity citations and search_results, non-stream and on stream chunks', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'perplexity-chat', messages: [{ role: 'user', content: 'News?' }] }) });
    const body = (await response.json()) as { citations: string[]; search_results: unknown[] };
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.search_results.length).toBeGreaterThan(0);
    const streamed = await fetch(`${gateway.baseUrl}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'perplexity-chat', stream: true, messages: [{ role: 'user', content: 'News?' }] }) });
    expect(await streamed.text()).toContain('"citations"');
  });

  it.each(['deepseek', 'dashscope', 'volcengine'])('%s reasoning_content reaches the client', async (family) => {
    const response = await fetch(`${gateway.baseUrl}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: `${family}-chat`, messages: [{ role: 'user', content: 'Think [reasoning]' }] }) });
    const body = (await response.json()) as { choices: Array<{ message: { reasoning_content?: string } }> };
    expect(body.choices[0]!.message.reasoning_content).toBeTruthy();
  });

  it('Anthropic thinking is shown as reasoning_content, and cache reads count in prompt_tokens', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'anthropic-chat', messages: [{ role: 'system', content: [{ type: 'text', text: 'You are terse. '.repeat(20), cache_control: { type: 'ephemeral' } }] }, { role: 'user', content: 'Hi' }] }),
    });
    const body = (await response.json()) as { usage: { prompt_tokens: number; prompt_tokens_details: { cached_tokens: number } } };
    expect(body.usage.prompt_tokens_details.cached_tokens).toBe(10);
    const sent = gateway.fakes.anthropic!.received().at(-1)!.body;
    // The fake's own count of the prompt, which must come back whole (input + cache reads).
    expect(body.usage.prompt_tokens).toBeGreaterThan(10);
    expect(sent.system).toBeDefined();
  });
});

describe('the model list and the bare path', () => {
  it('GET /v1/models and /models list the text groups; POST /chat/completions works as /v1/…', async () => {
    for (const path of ['/v1/models', '/models']) {
      const list = (await (await fetch(`${gateway.baseUrl}${path}`, { headers: { authorization: `Bearer ${TEXT_MASTER_KEY}` } })).json()) as { object: string; data: Array<{ id: string }> };
      expect(list.object).toBe('list');
      expect(list.data.map((m) => m.id)).toEqual(expect.arrayContaining(FAMILIES.map((family) => `${family}-chat`)));
    }
    const bare = new OpenAI({ apiKey: TEXT_MASTER_KEY, baseURL: gateway.baseUrl, maxRetries: 0 });
    const answer = await bare.chat.completions.create({ model: 'openai-chat', messages: [{ role: 'user', content: 'Hi' }] });
    expect(answer.choices[0]!.message.content).toMatch(/Hello/);
  });

  it('an unknown model is a 404 naming the text models; the gateway key is checked first', async () => {
    const error = await client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as Error).message).toContain('openai-chat');
    const stranger = new OpenAI({ apiKey: 'sk-wrong-gateway-key', baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
    await expect(stranger.chat.completions.create({ model: 'openai-chat', messages: [{ role: 'user', content: 'Hi' }] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('a malformed body is a 400 that names the field', async () => {
    const error = await client.chat.completions.create({ model: 'openai-chat', messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toMatch(/messages/);
    const badRole = await client.chat.completions.create({ model: 'openai-chat', messages: [{ role: 'robot', content: 'x' } as never] }).catch((e: unknown) => e);
    expect((badRole as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages.0.role');
  });

  it('hostile bodies are 4xx in OpenAI shape and never reach a vendor: not JSON, nested thousands deep, 15 MB, a video model', async () => {
    const before = Object.values(gateway.fakes).reduce((sum, fake) => sum + fake.stats().requests, 0);
    const post = (body: string) => fetch(`${gateway.baseUrl}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' }, body });
    const expectCode = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    };
    await expectCode(await post('{"model": "openai-chat", "messages": ['), 400, 'invalid_json');
    await expectCode(await post(`{"model":"openai-chat","messages":[{"role":"user","content":"x"}],"metadata":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`), 400, 'body_too_deep');
    await expectCode(await post(JSON.stringify({ model: 'openai-chat', messages: [{ role: 'user', content: 'x'.repeat(15 * 1024 * 1024) }] })), 413, 'body_too_large');
    expect(Object.values(gateway.fakes).reduce((sum, fake) => sum + fake.stats().requests, 0)).toBe(before);
    expect((await fetch(`${gateway.baseUrl}/health/liveliness`)).status).toBe(200);
  });
});

describe('metrics and model info cover text deployments', () => {
  it('/metrics shows requests by outcome, tokens and a latency histogram; /v1/model/info the same per deployment', async () => {
    const headers = { authorization: `Bearer ${TEXT_MASTER_KEY}` };
    await client.chat.completions.create({ model: 'openai-chat', messages: [{ role: 'user', content: 'Count [long=7]' }] });
    // Counters are written every 2 s by each api process.
    const metrics = await waitFor(
      async () => {
        const text = await (await fetch(`${gateway.baseUrl}/metrics`, { headers })).text();
        return /reelay_chat_tokens_total\{model_name="openai-chat",deployment="openai-fake",provider="openai",kind="completion"\} (\d+)/.test(text) ? text : undefined;
      },
      { timeoutMs: 6_000, intervalMs: 300, describe: () => 'no text counters in /metrics' },
    );
    expect(metrics).toMatch(/reelay_chat_requests_total\{model_name="openai-chat",deployment="openai-fake",provider="openai",outcome="ok",mode="json"\} \d+/);
    expect(metrics).toMatch(/reelay_chat_requests_total\{model_name="openai-busy",deployment="openai-busy-fake",provider="openai",outcome="upstream_rate_limited",mode="json"\} 1/);
    expect(metrics).toMatch(/reelay_chat_request_duration_seconds_bucket\{model_name="openai-chat",deployment="openai-fake",provider="openai",le="\+Inf"\} \d+/);
    expect(metrics).toContain('# TYPE reelay_chat_request_duration_seconds histogram');
    const info = (await (await fetch(`${gateway.baseUrl}/v1/model/info?model=openai-chat`, { headers })).json()) as { data: Array<{ model_info: { mode: string; text_usage: { requests: number; completion_tokens: number; mean_latency_ms: number } } }> };
    expect(info.data[0]!.model_info.mode).toBe('chat');
    expect(info.data[0]!.model_info.text_usage.requests).toBeGreaterThan(0);
    expect(info.data[0]!.model_info.text_usage.completion_tokens).toBeGreaterThanOrEqual(7);
    expect(info.data[0]!.model_info.text_usage.mean_latency_ms).toBeGreaterThanOrEqual(0);
  });
});

describe('options the target takes differently', () => {
  it('gpt-5: max_tokens is sent as max_completion_tokens, and the header says so', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'openai-chat', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    expect(data.choices[0]!.message.content).toMatch(/Hello/);
    expect(response.headers.get('x-reelay-translated-params')).toBe('max_tokens->max_completion_tokens');
    const sent = gateway.fakes.openai!.received().at(-1)!.body;
    expect(sent.max_completion_tokens).toBe(50);
    expect(sent.max_tokens).toBeUndefined();
  });

  it('gpt-5: a temperature it refuses is a 400 naming the option and drop_params, before any call', async () => {
    const before = gateway.fakes.openai!.stats().requests;
    const error = await client.chat.completions.create({ model: 'openai-chat', temperature: 0.2, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('temperature');
    expect((error as Error).message).toMatch(/only takes the default temperature 1.*drop_params/);
    expect(gateway.fakes.openai!.stats().requests).toBe(before);
  });

  it('Anthropic: an option with no counterpart is refused by name; the renamed ones are listed', async () => {
    const refused = await client.chat.completions.create({ model: 'anthropic-chat', seed: 7, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect((refused as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('seed');
    const { response } = await client.chat.completions.create({ model: 'anthropic-chat', stop: ['END'], user: 'u-1', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    expect(response.headers.get('x-reelay-translated-params')).toBe('stop->stop_sequences, user->metadata.user_id');
    expect(gateway.fakes.anthropic!.received().at(-1)!.body).toMatchObject({ stop_sequences: ['END'], metadata: { user_id: 'u-1' } });
  });
});

describe('a model the vendor retired', () => {
  it('is not just "not found": the error says it was retired, when, and what replaces it', async () => {
    const error = (await client.chat.completions.create({ model: 'claude-3-sonnet', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(404);
    expect(error.message).toContain('claude-3-sonnet-20240229 was retired by the vendor on 2025-07-21; use claude-sonnet-4-5-20250929 instead');
  });
});

