import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI, { APIError } from 'openai';
import type { ChatFake } from '../fakes/chat/chat-fake';
import { startOpenAICompatibleChatFake, type OpenAICompatibleFlavor } from '../fakes/chat/openai-compatible/index';

/**
 * A text fake is only worth something if the official OpenAI client accepts it as the
 * vendor: every flavor is driven through `openai` (and raw fetch where the client hides
 * what a gateway must see: a missing [DONE], an array error body, Perplexity's extras).
 */

const API_KEY = 'sk-fake-chat-test-key';
const WRONG_KEY = 'sk-fake-wrong-testkey';
const HELLO = 'Say hello'; // 9 characters: ceil(9 / 4) = 3 prompt tokens.
const WEATHER_TOOL: OpenAI.Chat.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

type ErrorClass = abstract new (...args: never[]) => Error;

interface FlavorCase {
  flavor: OpenAICompatibleFlavor;
  /** What the client throws for a wrong key, and a piece of the vendor's words it must carry. */
  wrongKey: { error: ErrorClass; status: number; says: string };
  /** What the client throws for a `missing-` model. */
  missingModel: { error: ErrorClass; status: number };
  /** Where `[reasoning]` shows up on the non-stream message, if the vendor shows reasoning. */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** Perplexity refuses tools and reports usage on every chunk instead of a usage chunk. */
  perplexity?: true;
}

const cases: FlavorCase[] = [
  {
    flavor: 'openai',
    wrongKey: { error: OpenAI.AuthenticationError, status: 401, says: 'Incorrect API key provided: sk-fa***key.' },
    missingModel: { error: OpenAI.NotFoundError, status: 404 },
  },
  {
    flavor: 'xai',
    wrongKey: { error: OpenAI.BadRequestError, status: 400, says: '"Incorrect API key provided: sk***ey.' },
    missingModel: { error: OpenAI.NotFoundError, status: 404 },
  },
  {
    flavor: 'perplexity',
    wrongKey: { error: OpenAI.AuthenticationError, status: 401, says: '<title>401 Authorization Required</title>' },
    missingModel: { error: OpenAI.BadRequestError, status: 400 },
    perplexity: true,
  },
  {
    flavor: 'dashscope',
    wrongKey: { error: OpenAI.AuthenticationError, status: 401, says: 'Incorrect API key provided. For details, see:' },
    missingModel: { error: OpenAI.NotFoundError, status: 404 },
    reasoningField: 'reasoning_content',
  },
  {
    flavor: 'ark',
    wrongKey: { error: OpenAI.AuthenticationError, status: 401, says: 'The API key in the request is missing or invalid. Request id: 0217' },
    missingModel: { error: OpenAI.NotFoundError, status: 404 },
    reasoningField: 'reasoning_content',
  },
  {
    flavor: 'openrouter',
    wrongKey: { error: OpenAI.AuthenticationError, status: 401, says: 'User not found.' },
    missingModel: { error: OpenAI.BadRequestError, status: 400 },
    reasoningField: 'reasoning',
  },
  {
    flavor: 'deepseek',
    wrongKey: { error: OpenAI.AuthenticationError, status: 401, says: 'Authentication Fails, Your api key: ****tkey is invalid' },
    missingModel: { error: OpenAI.BadRequestError, status: 400 },
    reasoningField: 'reasoning_content',
  },
  {
    // The client finds no `error` in Gemini's array body: its message is bare, the body is checked raw.
    flavor: 'gemini',
    wrongKey: { error: OpenAI.BadRequestError, status: 400, says: '400 status code (no body)' },
    missingModel: { error: OpenAI.NotFoundError, status: 404 },
  },
];

async function caught(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof APIError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.each(cases)('fake $flavor chat through the openai client', (flavorCase) => {
  const { flavor } = flavorCase;
  let fake: ChatFake;
  let client: OpenAI;

  const rawChat = (body: Record<string, unknown>, apiKey = API_KEY) =>
    fetch(`${fake.apiBase}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    fake = await startOpenAICompatibleChatFake(flavor, { apiKey: API_KEY });
    client = new OpenAI({ apiKey: API_KEY, baseURL: fake.apiBase, maxRetries: 0 });
  });
  afterAll(() => fake.close());

  it('answers a non-stream create with the content and exact usage', async () => {
    const completion = await client.chat.completions.create({ model: fake.model, messages: [{ role: 'user', content: HELLO }] });

    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe(fake.model);
    expect(completion.choices[0]?.message.content).toBe(`Hello from ${flavor}`);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 });
    const last = fake.received().at(-1);
    expect(last?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(last?.body).toMatchObject({ model: fake.model, messages: [{ role: 'user', content: HELLO }] });
  });

  it('streams the content pieces and ends with the usage', async () => {
    const before = fake.stats();
    const stream = await client.chat.completions.create({
      model: fake.model,
      messages: [{ role: 'user', content: `${HELLO} [long=4]` }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    const pieces = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).filter((piece) => piece !== '');
    expect(pieces).toEqual(['w1', ' w2', ' w3', ' w4']);
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
    const final = chunks.at(-1);
    // "Say hello [long=4]" is 18 characters: 5 prompt tokens; 4 pieces.
    expect(final?.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
    if (flavorCase.perplexity) expect(chunks.every((chunk) => chunk.usage)).toBe(true);
    else expect(final?.choices).toEqual([]);
    const after = fake.stats();
    expect(after.requests - before.requests).toBe(1);
    expect(after.streams - before.streams).toBe(1);
    expect(after.streamsEnded - before.streamsEnded).toBe(1);
  });

  it('omits the usage chunk unless asked, where the vendor does', async () => {
    const response = await rawChat({ model: fake.model, messages: [{ role: 'user', content: HELLO }], stream: true });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const hasUsageChunk = text.includes('"choices":[]');
    expect(hasUsageChunk).toBe(flavor === 'openrouter');
    if (flavor === 'openrouter') expect(text.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
    if (flavor === 'deepseek') expect(text.startsWith(': keep-alive\n\n')).toBe(true);
  });

  it('answers [tool] with a tool call the client parses, stream and not (Perplexity, which has no tools: a 400)', async () => {
    const params = { model: fake.model, messages: [{ role: 'user' as const, content: 'Weather? [tool]' }], tools: [WEATHER_TOOL] };
    if (flavorCase.perplexity) {
      const refused = await caught(client.chat.completions.create(params));
      expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
      return;
    }
    const completion = await client.chat.completions.create(params);
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    // Each vendor's own id form (call_…, call_00_…, function-call-…), always short and portable.
    expect(call?.id).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    expect(completion.usage?.completion_tokens).toBe(10);

    const streamed = await client.chat.completions.stream(params).finalChatCompletion();
    const streamedCall = streamed.choices[0]?.message.tool_calls?.[0];
    expect(streamed.choices[0]?.finish_reason).toBe('tool_calls');
    expect(streamedCall?.type === 'function' && streamedCall.function.name).toBe('get_weather');
    expect(streamedCall?.type === 'function' && JSON.parse(streamedCall.function.arguments)).toEqual({ city: 'Paris' });
  });

  it('shows [reasoning] before the answer where the vendor shows reasoning, and nothing where it does not', async () => {
    const field = flavorCase.reasoningField ?? 'reasoning_content';
    const completion = await client.chat.completions.create({ model: fake.model, messages: [{ role: 'user', content: `${HELLO} [reasoning]` }] });
    const message = completion.choices[0]?.message as unknown as Record<string, unknown>;
    if (!flavorCase.reasoningField) {
      expect(message.reasoning_content ?? message.reasoning).toBeUndefined();
      expect(completion.usage?.completion_tokens).toBe(3);
      return;
    }
    expect(message[field]).toBe('Let me think about that.');
    expect(completion.usage?.completion_tokens).toBe(3 + 5);

    const text = await (await rawChat({ model: fake.model, messages: [{ role: 'user', content: '[reasoning]' }], stream: true })).text();
    expect(text.indexOf(`"${field}":"Let me"`)).toBeGreaterThan(0);
    expect(text.indexOf(`"${field}":"Let me"`)).toBeLessThan(text.indexOf('"content":"Hello"'));
  });

  it('rejects a wrong key with the vendor status and words, without echoing the key', async () => {
    const before = fake.stats();
    const wrong = new OpenAI({ apiKey: WRONG_KEY, baseURL: fake.apiBase, maxRetries: 0 });
    const error = await caught(wrong.chat.completions.create({ model: fake.model, messages: [{ role: 'user', content: HELLO }] }));

    expect(error).toBeInstanceOf(flavorCase.wrongKey.error);
    expect(error.status).toBe(flavorCase.wrongKey.status);
    expect(error.message).toContain(flavorCase.wrongKey.says);
    expect(error.message).not.toContain(WRONG_KEY);
    expect(fake.stats().rejectedAuth - before.rejectedAuth).toBe(1);
    expect(fake.stats().requests).toBe(before.requests);
  });

  it('sends key errors in the vendor shape: Gemini as a JSON array, the others as one object', async () => {
    const response = await rawChat({ model: fake.model, messages: [{ role: 'user', content: HELLO }] }, WRONG_KEY);
    if (flavor !== 'gemini') {
      const text = await response.text();
      expect(text.trimStart().startsWith('[')).toBe(false);
      return;
    }
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([
      {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
        },
      },
    ]);
  });

  it('answers [429] with a RateLimitError that carries retry-after', async () => {
    const before = fake.stats();
    const error = await caught(client.chat.completions.create({ model: fake.model, messages: [{ role: 'user', content: 'hi [429]' }] }));
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.headers?.get('retry-after')).toBe('1');
    expect(fake.stats().rateLimited - before.rateLimited).toBe(1);
  });

  it('answers [500] with the vendor 5xx', async () => {
    const error = await caught(client.chat.completions.create({ model: fake.model, messages: [{ role: 'user', content: 'hi [500]' }] }));
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error.status).toBe({ openrouter: 502, deepseek: 503, gemini: 503 }[flavor as string] ?? 500);
  });

  it('refuses a bad body and an unknown model as the vendor does', async () => {
    const empty = await caught(client.chat.completions.create({ model: fake.model, messages: [] }));
    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
    const orphanTool = await caught(
      client.chat.completions.create({ model: fake.model, messages: [{ role: 'tool', content: 'x' } as unknown as OpenAI.Chat.ChatCompletionMessageParam] }),
    );
    expect(orphanTool).toBeInstanceOf(OpenAI.BadRequestError);
    const missing = await caught(client.chat.completions.create({ model: 'missing-model', messages: [{ role: 'user', content: HELLO }] }));
    expect(missing).toBeInstanceOf(flavorCase.missingModel.error);
    expect(missing.status).toBe(flavorCase.missingModel.status);
  });

  it('ends a [stream-error] stream after its 200 without [DONE]', async () => {
    const before = fake.stats();
    const response = await rawChat({ model: fake.model, messages: [{ role: 'user', content: 'hi [stream-error]' }], stream: true });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"error":');
    expect(text).not.toContain('[DONE]');
    expect(text).not.toContain('"content":"Hello"');
    expect(fake.stats().streamsEnded - before.streamsEnded).toBe(1);

    const stream = await client.chat.completions.create({ model: fake.model, messages: [{ role: 'user', content: 'hi [stream-error]' }], stream: true });
    await expect(
      (async () => {
        for await (const chunk of stream) void chunk;
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  it('cuts a [cut-after=2] stream after two pieces', async () => {
    const text = await (await rawChat({ model: fake.model, messages: [{ role: 'user', content: 'hi [cut-after=2]' }], stream: true })).text();
    expect(text).toContain('"content":"Hello"');
    expect(text).toContain('"content":" from"');
    expect(text).not.toContain(`"content":" ${flavor}"`);
    expect(text).not.toContain('[DONE]');
    expect(text.trimEnd().split('\n\n').at(-1)).toContain('"error":');
  });

  it('counts an abort of a [hang] request', async () => {
    const before = fake.stats();
    const controller = new AbortController();
    const pending = client.chat.completions.create({ model: fake.model, messages: [{ role: 'user', content: 'hi [hang]' }] }, { signal: controller.signal });
    await expect.poll(() => fake.stats().requests).toBe(before.requests + 1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    await expect.poll(() => fake.stats().aborted).toBe(before.aborted + 1);
  });

  it('lists its default model', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toEqual([flavor === 'gemini' ? `models/${fake.model}` : fake.model]);
  });
});

// The compatible `perplexity` flavor: a host that still serves Sonar chat completions (the
// api_base-ends-in-/chat/completions path). api.perplexity.ai itself is ../fakes/chat/perplexity/.
describe('fake perplexity (Sonar chat completions on an old compat host) extras and rules', () => {
  let fake: ChatFake;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startOpenAICompatibleChatFake('perplexity', { apiKey: API_KEY });
    client = new OpenAI({ apiKey: API_KEY, baseURL: fake.apiBase, maxRetries: 0 });
  });
  afterAll(() => fake.close());

  const post = (path: string, body: Record<string, unknown>) =>
    fetch(`${fake.origin}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('keeps citations, search results and cost in the raw JSON, on both paths', async () => {
    for (const path of ['/chat/completions', '/v1/chat/completions']) {
      const json = (await (await post(path, { model: 'sonar', messages: [{ role: 'user', content: HELLO }] })).json()) as Record<string, unknown>;
      expect(json.citations).toEqual(['https://example.com/paris-weather', 'https://example.org/france/paris']);
      expect(json.search_results).toEqual([
        expect.objectContaining({ title: 'Paris weather today', url: 'https://example.com/paris-weather', date: expect.any(String), snippet: expect.any(String), source: 'web' }),
        expect.objectContaining({ url: 'https://example.org/france/paris' }),
      ]);
      expect(json.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 3, search_context_size: 'low', cost: { total_cost: expect.any(Number) } });
    }
  });

  it('repeats citations on every stream chunk', async () => {
    const text = await (await post('/chat/completions', { model: 'sonar', messages: [{ role: 'user', content: HELLO }], stream: true })).text();
    const chunks = text
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: {'))
      .map((frame) => JSON.parse(frame.slice(6)) as Record<string, unknown>);
    expect(chunks.length).toBe(5);
    for (const chunk of chunks) expect(chunk.citations).toHaveLength(2);
    expect(chunks.map((chunk) => (chunk.usage as { completion_tokens: number }).completion_tokens)).toEqual([0, 1, 2, 3, 3]);
  });

  it('refuses tools and messages that do not alternate', async () => {
    const tools = await caught(client.chat.completions.create({ model: 'sonar', messages: [{ role: 'user', content: HELLO }], tools: [WEATHER_TOOL] }));
    expect(tools).toBeInstanceOf(OpenAI.BadRequestError);
    const twice = await caught(
      client.chat.completions.create({
        model: 'sonar',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'one' },
          { role: 'user', content: 'two' },
        ],
      }),
    );
    expect(twice).toBeInstanceOf(OpenAI.BadRequestError);
    expect(twice.message).toBe('400 After the (optional) system message(s), user or tool messages should alternate with assistant messages.');
  });

  it('serves its HTML 401 as text/html', async () => {
    const response = await fetch(`${fake.apiBase}/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('openresty/1.27.4');
  });
});

describe('fake chat drip and slow pacing', () => {
  let fake: ChatFake;

  beforeAll(async () => {
    fake = await startOpenAICompatibleChatFake('openai', { apiKey: API_KEY });
  });
  afterAll(() => fake.close());

  it('holds the headers back by [slow=MS]', async () => {
    const client = new OpenAI({ apiKey: API_KEY, baseURL: fake.apiBase, maxRetries: 0 });
    const started = Date.now();
    await client.chat.completions.create({ model: fake.model, messages: [{ role: 'user', content: 'hi [slow=150]' }] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('spaces stream chunks by [drip=MS] and stops when the client leaves', async () => {
    const client = new OpenAI({ apiKey: API_KEY, baseURL: fake.apiBase, maxRetries: 0 });
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: fake.model, messages: [{ role: 'user', content: 'hi [drip=40]' }], stream: true });
    let count = 0;
    for await (const chunk of stream) count += chunk.choices.length;
    // role + 3 pieces + finish + [DONE]: five gaps of 40 ms.
    expect(count).toBe(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    const before = fake.stats();
    const controller = new AbortController();
    const slow = await client.chat.completions.create(
      { model: fake.model, messages: [{ role: 'user', content: 'hi [drip=200] [long=50]' }], stream: true },
      { signal: controller.signal },
    );
    for await (const chunk of slow) {
      if (chunk.choices[0]?.delta.content) break;
    }
    controller.abort();
    await expect.poll(() => fake.stats().aborted).toBe(before.aborted + 1);
    expect(fake.stats().streamsEnded).toBe(before.streamsEnded);
  });
});
