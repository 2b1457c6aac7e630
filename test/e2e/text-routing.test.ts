import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { startTextGateway, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

let gateway: TextGateway;
let client: OpenAI;
const CLOSED_PORT_BASE = 'http://127.0.0.1:9/v1';

beforeAll(async () => {
  gateway = await startTextGateway({
    extraModels: ({ openai, anthropic, deepseek }) => `
  # Tier 0 fails three ways (a refused key, a refused connection, a 5xx); tier 1 answers.
  - model_name: failover
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/WRONG_KEY, order: 0 }
    model_info: { id: bad-key }
  - model_name: failover
    litellm_params: { model: openai/${openai!.model}, api_base: ${CLOSED_PORT_BASE}, api_key: os.environ/TEXT_FAKE_KEY, order: 0 }
    model_info: { id: nobody-home }
  - model_name: failover
    litellm_params: { model: deepseek/broken-v4, api_base: ${deepseek!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, order: 0 }
    model_info: { id: broken-model }
  - model_name: failover
    litellm_params: { model: anthropic/${anthropic!.model}, api_base: ${anthropic!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, order: 1 }
    model_info: { id: claude-backup }
  # Nothing works here: the answer must say, per deployment, why.
  - model_name: hopeless
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/WRONG_KEY }
    model_info: { id: hopeless-key }
  - model_name: hopeless
    litellm_params: { model: anthropic/broken-claude, api_base: ${anthropic!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY }
    model_info: { id: hopeless-broken }
  # A group with no working deployment of its own, and a fallback group that has one.
  - model_name: primary
    litellm_params: { model: openai/broken-gpt, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY }
    model_info: { id: primary-broken }
  - model_name: impatient
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, timeout: 1, stream_timeout: 1 }
    model_info: { id: impatient-openai }
  # Waits long for the first content, but not between chunks once the answer flows.
  - model_name: quiet-later
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, timeout: 1, stream_timeout: 3 }
    model_info: { id: quiet-later-openai }
`,
    routerSettings: `  fallbacks: [{ primary: [anthropic-chat] }]
  allowed_fails: 100`,
  });
  client = new OpenAI({ apiKey: TEXT_MASTER_KEY, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
});

const ask = (content: string) => [{ role: 'user' as const, content }];

describe('failover happens before the first content reaches the client', () => {
  it('non-stream: a refused key, a refused connection and a 5xx in tier 0, then tier 1 answers', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'failover', messages: ask('Hi') }).withResponse();
    expect(data.choices[0]!.message.content).toBe('Hello from anthropic');
    expect(response.headers.get('x-reelay-deployment-id')).toBe('claude-backup');
    expect(response.headers.get('x-reelay-attempts')).toBe('4');
  });

  it('stream: an in-stream error before any content moves on; the client sees one clean stream', async () => {
    const deepseekBefore = gateway.fakes.deepseek!.stats().streams;
    const stream = await client.chat.completions.create({ model: 'failover', messages: ask('Hi'), stream: true, stream_options: { include_usage: true } });
    let text = '';
    let roles = 0;
    let usageChunks = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.choices[0]?.delta?.role) roles += 1;
      if (chunk.choices.length === 0 && chunk.usage) usageChunks += 1;
    }
    expect(text).toBe('Hello from anthropic');
    expect(roles).toBe(1);
    expect(usageChunks).toBe(1);
    expect(gateway.fakes.deepseek!.stats().streams).toBe(deepseekBefore + 1);
  });

  it("the group's fallbacks are tried when its own deployments fail", async () => {
    const { data, response } = await client.chat.completions.create({ model: 'primary', messages: ask('Hi') }).withResponse();
    expect(data.choices[0]!.message.content).toBe('Hello from anthropic');
    expect(response.headers.get('x-reelay-deployment-id')).toBe('anthropic-fake');
  });

  it('a group with nothing left answers with each deployment, what it said and the cause, in the message and in error.attempts', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'hopeless', messages: ask('Hi') }),
    });
    const body = (await response.json()) as { error: { message: string; code: string; attempts: Array<{ deployment: string; code: string; status?: number; message: string }> } };
    expect(response.status).toBe(502);
    expect(body.error.message).not.toMatch(/no healthy deployments/i);
    expect(body.error.message).toContain('hopeless-key');
    expect(body.error.message).toContain('hopeless-broken');
    expect(body.error.message).toContain('Incorrect API key');
    expect(body.error.message).toContain('Overloaded');
    const byDeployment = Object.fromEntries(body.error.attempts.map((a) => [a.deployment, a]));
    expect(byDeployment['hopeless-key']).toMatchObject({ code: 'upstream_auth', status: 401 });
    expect(byDeployment['hopeless-broken']).toMatchObject({ code: 'upstream_error', status: 529 });
  });
});

describe('after the commit point', () => {
  it('a failure mid-stream ends the stream with an OpenAI-shaped error event and never [DONE]', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai-chat', stream: true, messages: ask('Count [long=5] [cut-after=2]') }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"content":"w1"');
    expect(text).not.toContain('[DONE]');
    const last = text.trim().split('\n\n').at(-1)!;
    const event = JSON.parse(last.replace(/^data: /, '')) as { error: { message: string; type: string; code: string } };
    expect(event.error.code).toBe('upstream_error');
    expect(event.error.message).toMatch(/OpenAI reported an error inside its stream/);
  });

  it('the openai client raises the mid-stream error instead of returning a cut answer as whole', async () => {
    const stream = await client.chat.completions.create({ model: 'anthropic-chat', stream: true, messages: ask('Count [long=5] [cut-after=2]') });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(text).toBe('w1 w2');
  });
});

describe('the client and the clock', () => {
  it('a client that disconnects aborts the upstream request at once', async () => {
    const fake = gateway.fakes.openai!;
    const before = fake.stats().aborted;
    const abort = new AbortController();
    const response = await fetch(`${gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      signal: abort.signal,
      headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai-chat', stream: true, messages: ask('A long one [long=200] [drip=100]') }),
    });
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    await waitFor(() => (fake.stats().aborted > before ? true : undefined), { timeoutMs: 2_000, describe: () => 'the upstream stream was still open 2 s after the client left' });
  });

  it('a non-stream call past its timeout is a 504 naming the limit, and the vendor call is cut', async () => {
    const before = gateway.fakes.openai!.stats().aborted;
    const started = Date.now();
    const error = await client.chat.completions.create({ model: 'impatient', messages: ask('Take your time [slow=5000]') }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
    expect((error as Error).message).toMatch(/did not answer within 1\.0 s/);
    await waitFor(() => (gateway.fakes.openai!.stats().aborted > before ? true : undefined), { timeoutMs: 2_000, describe: () => 'the timed-out call was not cut' });
  });

  it('a stream with no first content within stream_timeout is a 504 before any byte', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'impatient', stream: true, messages: ask('[slow=5000]') }),
    });
    expect(response.status).toBe(504);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upstream_timeout');
  });

  it('a committed stream that then goes quiet past the timeout ends with an error event', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'quiet-later', stream: true, messages: ask('[long=3] [drip=1500]') }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain('[DONE]');
    expect(text).toContain('"content":"w1"');
    expect(text).toContain('upstream_timeout');
  });
});
