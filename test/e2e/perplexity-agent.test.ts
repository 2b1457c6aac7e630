import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatFake } from '../fakes/chat/chat-fake';
import { startOpenAICompatibleChatFake } from '../fakes/chat/openai-compatible/index';
import { startTextGateway, TEXT_FAKE_KEY, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

/**
 * Sonar names through reelay after Perplexity retired Sonar chat completions: the `openai`
 * client speaks Chat Completions to reelay, reelay speaks the Agent API (POST /v1/agent) to the
 * Perplexity fake, and the answer comes back shaped as Sonar's were (citations and
 * search_results top-level). An `api_base` ending in /chat/completions on another host keeps
 * the old pass-through path (the compatible `perplexity` flavor plays that host).
 */
let gateway: TextGateway;
let client: OpenAI;
let compatHost: ChatFake;

beforeAll(async () => {
  compatHost = await startOpenAICompatibleChatFake('perplexity', { apiKey: TEXT_FAKE_KEY });
  gateway = await startTextGateway({
    extraModels: (fakes) => `  - model_name: sonar
    litellm_params: { model: perplexity/sonar, api_base: ${fakes.perplexity!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY }
    model_info: { id: sonar-agent }
  - model_name: sonar-pro
    litellm_params: { model: perplexity/sonar-pro, api_base: ${fakes.perplexity!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY }
    model_info: { id: sonar-pro-agent }
  - model_name: sonar-compat
    litellm_params: { model: perplexity/sonar, api_base: ${compatHost.apiBase}/chat/completions, api_key: os.environ/TEXT_FAKE_KEY }
    model_info: { id: sonar-compat-host }`,
  });
  client = new OpenAI({ apiKey: TEXT_MASTER_KEY, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await compatHost?.close();
});

type Json = Record<string, unknown>;
type SonarExtras = { citations?: string[]; search_results?: Array<{ url: string; title: string }> };
const CITATIONS = ['https://example.com/paris-weather', 'https://example.org/france/paris'];
const sent = () => gateway.fakes.perplexity!.received().at(-1)!;

describe.each([
  ['sonar', { model: 'perplexity/sonar', tools: [{ type: 'web_search' }], tool_choice: { type: 'web_search' } }, 'model->perplexity/sonar'],
  ['sonar-pro', { preset: 'low' }, 'model->preset low'],
])('%s through the Agent API', (model, engine, translated) => {
  it('non-stream: the text, citations and search_results top-level, usage with cost; the Agent API request on the wire', async () => {
    const { data, response } = await client.chat.completions
      .create({ model, max_tokens: 64, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Weather in Paris?' }] })
      .withResponse();
    const extras = data as unknown as SonarExtras;
    expect(data.choices[0]!.message.content).toBe('Hello from perplexity');
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(extras.citations).toEqual(CITATIONS);
    expect(extras.search_results).toEqual([expect.objectContaining({ url: CITATIONS[0], title: 'Paris weather today' }), expect.objectContaining({ url: CITATIONS[1] })]);
    expect(data.usage).toMatchObject({ completion_tokens: 3, total_tokens: data.usage!.prompt_tokens + 3 });
    expect(data.usage!.prompt_tokens).toBeGreaterThan(0);
    expect((data.usage as unknown as { cost: Json }).cost).toMatchObject({ currency: 'USD', total_cost: expect.any(Number) });
    expect(response.headers.get('x-reelay-translated-params')).toBe(`${translated}, system->instructions, max_tokens->max_output_tokens`);
    const wire = sent();
    expect(wire.path).toBe('/v1/agent');
    expect(wire.body).toEqual({ ...engine, instructions: 'Be brief.', input: [{ type: 'message', role: 'user', content: 'Weather in Paris?' }], max_output_tokens: 64 });
  });

  it('stream: content chunks, citations and search_results on the first content chunk and on the finish chunk, one usage chunk', async () => {
    const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Count [long=4]' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    const withSources: Array<{ content?: string | null; finish?: string | null }> = [];
    const usages: OpenAI.CompletionUsage[] = [];
    for await (const chunk of stream) {
      const extras = chunk as unknown as SonarExtras;
      text += chunk.choices[0]?.delta?.content ?? '';
      if (extras.citations && chunk.choices.length > 0) {
        expect(extras.citations).toEqual(CITATIONS);
        expect(extras.search_results).toHaveLength(2);
        withSources.push({ content: chunk.choices[0]!.delta?.content, finish: chunk.choices[0]!.finish_reason });
      }
      if (chunk.usage && chunk.choices.length === 0) usages.push(chunk.usage);
    }
    expect(text).toBe('w1 w2 w3 w4');
    expect(withSources).toEqual([{ content: 'w1', finish: null }, { content: undefined, finish: 'stop' }]);
    expect(usages).toHaveLength(1);
    expect(usages[0]!.completion_tokens).toBe(4);
    expect(sent().body.stream).toBe(true);
  });
});

describe('failures, refusals and the old path', () => {
  it('a stream cut by response.failed after content ends with an error the client raises, never [DONE]', async () => {
    const stream = await client.chat.completions.create({ model: 'sonar', messages: [{ role: 'user', content: 'Go [long=5] [cut-after=2]' }], stream: true });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((e: unknown) => e);
    expect(text).toBe('w1 w2');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toMatch(/Perplexity reported an error inside its stream \(internal_error\): Internal server error/);
  });

  it("a 429 is the client's RateLimitError in Perplexity's words", async () => {
    const error = await client.chat.completions.create({ model: 'perplexity-busy', messages: [{ role: 'user', content: 'Hi [429]' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as Error).message).toMatch(/request_rate_limit_exceeded.*Rate limit exceeded/);
  });

  it('the HTML 401 is an AuthenticationError that names the variable and where keys come from', async () => {
    const error = await client.chat.completions.create({ model: 'perplexity-wrong-key', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as Error).message).toMatch(/401 Authorization Required \(an HTML page\).*WRONG_KEY.*console\.perplexity\.ai/);
  });

  it('options with no Agent API counterpart are refused by name before any call; Sonar search filters move onto the tool', async () => {
    const before = gateway.fakes.perplexity!.stats().requests;
    for (const [option, value] of [['stop', ['END']], ['tools', [{ type: 'function', function: { name: 'w', parameters: {} } }]], ['return_related_questions', true]] as const) {
      const refused = await client.chat.completions.create({ model: 'sonar', messages: [{ role: 'user', content: 'Hi' }], [option]: value } as never).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
      expect((refused as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(option);
      expect((refused as Error).message).toMatch(/drop_params/);
    }
    expect(gateway.fakes.perplexity!.stats().requests).toBe(before);
    await client.chat.completions.create({ model: 'sonar', messages: [{ role: 'user', content: 'News?' }], search_domain_filter: ['example.com'], search_recency_filter: 'week' } as never);
    expect(sent().body.tools).toEqual([{ type: 'web_search', filters: { search_domain_filter: ['example.com'], search_recency_filter: 'week' } }]);
  });

  it('an api_base ending in /chat/completions on another host keeps Sonar chat completions, extras passed through', async () => {
    const answer = (await client.chat.completions.create({ model: 'sonar-compat', messages: [{ role: 'user', content: 'News?' }] })) as unknown as SonarExtras & OpenAI.ChatCompletion;
    expect(answer.choices[0]!.message.content).toMatch(/Hello/);
    expect(answer.citations).toEqual(CITATIONS);
    const wire = compatHost.received().at(-1)!;
    expect(wire.path).toBe('/chat/completions');
    expect(wire.body).toMatchObject({ model: 'sonar', messages: [{ role: 'user', content: 'News?' }] });
  });
});
