import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatStreamPart } from '../contract/chat-model';
import { UpstreamError } from '../http/upstream-error';
import { AgentStreamTranslator } from './agent-stream-translator';
import { EXPECTED_CITATIONS, EXPECTED_RESULTS, EXPECTED_TEXT, FINAL_RESPONSE, STREAM_EVENTS } from './agent-transcript.fixture';
import { agentEvent, agentResponse } from './agent-wire';
import { fromAgentResponse } from './from-agent-response';
import { createPerplexityAgentChatModel } from './perplexity-agent-chat';

type Json = Record<string, unknown>;
const chunksOf = (parts: ChatStreamPart[]) => parts.map((part) => (part.type === 'chunk' ? (JSON.parse(part.json) as Json) : { error: part.error.message }));

describe('fromAgentResponse', () => {
  it('a run as a Sonar-shaped chat.completion: text, citations and search_results top-level, usage with cached tokens and cost', () => {
    const { json, usage } = fromAgentResponse(agentResponse.parse(FINAL_RESPONSE), 'sonar-pro');
    const completion = JSON.parse(json) as Json;
    expect(completion).toMatchObject({
      id: 'resp_5a7e',
      object: 'chat.completion',
      created: 1796000000,
      model: 'openai/gpt-6-luna',
      choices: [{ index: 0, message: { role: 'assistant', content: EXPECTED_TEXT }, finish_reason: 'stop' }],
      citations: EXPECTED_CITATIONS,
      search_results: EXPECTED_RESULTS,
      usage: { prompt_tokens: 1200, completion_tokens: 12, total_tokens: 1212, prompt_tokens_details: { cached_tokens: 1000 }, cost: { total_cost: 0.00521, currency: 'USD' } },
    });
    expect(usage).toEqual({ promptTokens: 1200, completionTokens: 12, totalTokens: 1212, cachedTokens: 1000 });
  });

  it('an incomplete run at the token limit finishes with length; url_citation annotations count as citations', () => {
    const run = { ...FINAL_RESPONSE, status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [{ type: 'message', content: [{ type: 'output_text', text: 'Cut', annotations: [{ type: 'url_citation', url: 'https://a.test/' }] }] }] };
    const completion = JSON.parse(fromAgentResponse(agentResponse.parse(run), 'sonar').json) as Json;
    expect(completion).toMatchObject({ choices: [{ finish_reason: 'length', message: { content: 'Cut' } }], citations: ['https://a.test/'], search_results: [] });
  });
});

describe('AgentStreamTranslator', () => {
  it('the transcript as chunks: a role chunk, the text, sources on the first content chunk and on the finish and usage chunks', () => {
    const translator = new AgentStreamTranslator('sonar-pro');
    const parts = STREAM_EVENTS.flatMap((event) => translator.translate(agentEvent.parse(event)));
    expect(translator.stopped).toBe(true);
    expect(translator.failure).toBeUndefined();
    const chunks = chunksOf(parts);
    const deltas = chunks.map((chunk) => ((chunk.choices as Json[])[0]?.delta as Json | undefined)?.content ?? '').join('');
    expect(deltas).toBe(EXPECTED_TEXT);
    expect(chunks[0]).toMatchObject({ id: 'resp_5a7e', object: 'chat.completion.chunk', model: 'fast', choices: [{ delta: { role: 'assistant', content: '' } }] });
    expect(chunks[0]!.citations).toBeUndefined();
    const withSources = chunks.filter((chunk) => chunk.citations);
    expect(withSources).toHaveLength(3);
    expect(withSources[0]).toMatchObject({ citations: EXPECTED_CITATIONS, choices: [{ delta: { content: 'Mild' } }] });
    // Announced twice (event and item), listed once.
    expect(withSources[0]!.search_results).toEqual(EXPECTED_RESULTS);
    expect(withSources[1]).toMatchObject({ citations: EXPECTED_CITATIONS, search_results: EXPECTED_RESULTS, choices: [{ delta: {}, finish_reason: 'stop' }] });
    expect(withSources[2]).toMatchObject({ choices: [], citations: EXPECTED_CITATIONS, usage: { prompt_tokens: 1200, completion_tokens: 12, total_tokens: 1212 } });
    const last = parts.at(-1)!;
    expect(last.type === 'chunk' && last.usageOnly && last.usage).toEqual({ promptTokens: 1200, completionTokens: 12, totalTokens: 1212, cachedTokens: 1000 });
    // The role chunk shows nothing (held before the commit point); every text delta does.
    expect(parts.map((part) => part.type === 'chunk' && part.output)).toEqual([false, true, true, true, true, true, true, true, false]);
  });

  it('response.failed and a completed snapshot that failed are failures, not answers', () => {
    const failed = new AgentStreamTranslator('sonar');
    failed.translate(agentEvent.parse(STREAM_EVENTS[0]));
    failed.translate(agentEvent.parse({ type: 'response.failed', sequence_number: 2, error: { message: 'upstream model error', type: 'internal_error' } }));
    expect(failed.failure).toEqual({ message: 'upstream model error', type: 'internal_error' });
    const snapshot = new AgentStreamTranslator('sonar');
    expect(snapshot.translate(agentEvent.parse({ type: 'response.completed', response: { ...FINAL_RESPONSE, status: 'failed', error: { message: 'boom' } } }))).toEqual([]);
    expect(snapshot.failure).toMatchObject({ message: 'boom' });
  });
});

describe('the Agent API chat model over HTTP', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function vendor(answer: (body: Json, res: import('node:http').ServerResponse) => void): Promise<{ base: string; bodies: Json[] }> {
    const bodies: Json[] = [];
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (piece: Buffer) => (text += piece.toString()));
      req.on('end', () => {
        bodies.push({ path: req.url, authorization: req.headers.authorization, ...(JSON.parse(text) as Json) });
        answer(JSON.parse(text) as Json, res);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
  }
  const signal = () => new AbortController().signal;
  const request = { body: { model: 'sonar', messages: [{ role: 'user', content: 'Weather?' }] } };
  const sse = (res: import('node:http').ServerResponse, events: unknown[]) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
    res.end();
  };
  const collect = async (stream: AsyncIterable<ChatStreamPart>) => {
    const parts: ChatStreamPart[] = [];
    for await (const part of stream) parts.push(part);
    return parts;
  };

  it('posts to {base}/v1/agent with the Bearer key and answers in Chat Completions', async () => {
    const { base, bodies } = await vendor((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(FINAL_RESPONSE)));
    const model = createPerplexityAgentChatModel({ model: 'sonar', apiBase: base, apiKey: 'pplx-test-key' });
    const answer = await model.complete(request, { signal: signal() });
    expect(JSON.parse(answer.json)).toMatchObject({ citations: EXPECTED_CITATIONS, choices: [{ message: { content: EXPECTED_TEXT } }] });
    expect(bodies[0]).toMatchObject({ path: '/v1/agent', authorization: 'Bearer pplx-test-key', model: 'perplexity/sonar', tool_choice: { type: 'web_search' } });
  });

  it('a 200 whose run failed is an UpstreamError in the vendor words', async () => {
    const { base } = await vendor((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...FINAL_RESPONSE, status: 'failed', output: [], error: { message: 'Rate limit on the underlying model', type: 'rate_limit_exceeded' } })));
    const error = await createPerplexityAgentChatModel({ model: 'sonar', apiBase: base }).complete(request, { signal: signal() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_rate_limited', statusCode: 429 });
    expect((error as Error).message).toContain('Rate limit on the underlying model');
  });

  it('an HTML 401 is an auth error that names the variable and says where keys come from', async () => {
    const { base } = await vendor((_, res) => res.writeHead(401, { 'content-type': 'text/html' }).end('<html><head><title>401 Authorization Required</title></head><body>openresty</body></html>'));
    const error = await createPerplexityAgentChatModel({ model: 'sonar', apiBase: base, apiKey: 'pplx-wrong', apiKeyEnv: 'PERPLEXITYAI_API_KEY' }).complete(request, { signal: signal() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_auth', statusCode: 401 });
    expect((error as Error).message).toMatch(/401 Authorization Required \(an HTML page\).*PERPLEXITYAI_API_KEY.*console\.perplexity\.ai/);
  });

  it('streams the transcript; response.failed mid-stream and a cut stream end with an error part', async () => {
    const full = await vendor((_, res) => sse(res, STREAM_EVENTS));
    const parts = await collect(await createPerplexityAgentChatModel({ model: 'sonar-pro', apiBase: full.base }).stream(request, { signal: signal() }));
    expect(parts.every((part) => part.type === 'chunk')).toBe(true);
    expect(full.bodies[0]).toMatchObject({ preset: 'low', stream: true });
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    await vendor((_, res) => sse(res, [...STREAM_EVENTS.slice(0, 9), { type: 'response.failed', sequence_number: 10, error: { message: 'Internal server error', type: 'internal_error', code: 'internal_error' } }]));
    const failed = await collect(await createPerplexityAgentChatModel({ model: 'sonar', apiBase: `http://127.0.0.1:${(server!.address() as AddressInfo).port}` }).stream(request, { signal: signal() }));
    expect(failed.at(-1)).toMatchObject({ type: 'error', error: { code: 'upstream_error', isRetryable: true } });
    expect((failed.at(-1) as { error: Error }).error.message).toMatch(/inside its stream \(internal_error\): Internal server error/);
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    await vendor((_, res) => sse(res, STREAM_EVENTS.slice(0, 10)));
    const cut = await collect(await createPerplexityAgentChatModel({ model: 'sonar', apiBase: `http://127.0.0.1:${(server!.address() as AddressInfo).port}` }).stream(request, { signal: signal() }));
    expect((cut.at(-1) as { error: Error }).error.message).toMatch(/ended before response\.completed/);
    expect(chunksOf(cut.slice(0, -1)).map((chunk) => ((chunk.choices as Json[])[0]?.delta as Json)?.content ?? '').join('')).toBe('Mild and cloudy in Paris.');
  });
});
