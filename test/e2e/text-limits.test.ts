import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';
import { startTextGateway, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

let gateway: TextGateway;

beforeAll(async () => {
  gateway = await startTextGateway({
    apis: 2,
    extraModels: ({ openai }) => `
  - model_name: rpm-limited
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, rpm: 4 }
    model_info: { id: rpm-4 }
  # A request with no max_tokens reserves about 1,030 tokens; the answers use about 6.
  - model_name: tpm-limited
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, tpm: 1500 }
    model_info: { id: tpm-1500 }
  - model_name: one-at-a-time
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, max_parallel_requests: 1 }
    model_info: { id: parallel-1 }
`,
  });
});
afterAll(async () => {
  await gateway?.stop();
});

/** Alternates between the two api processes, as a load balancer would. */
function chat(index: number, model: string, content = 'Hi') {
  return fetch(`${gateway.baseUrls[index % 2]}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
  });
}

describe('limits hold across two api processes (Redis)', () => {
  it('rpm: 10 requests spread over both processes, exactly 4 reach the vendor, the rest are 429 saying why', async () => {
    const before = gateway.fakes.openai!.stats().requests;
    const responses = await Promise.all(Array.from({ length: 10 }, (_, index) => chat(index, 'rpm-limited')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/rpm-4.*at rpm 4\/4/);
    expect(gateway.fakes.openai!.stats().requests - before).toBe(4);
  });

  it('tpm: the estimate is reserved before the call and settled to the real usage after, so sequential requests all fit', async () => {
    for (let index = 0; index < 6; index++) expect((await chat(index, 'tpm-limited')).status).toBe(200);
  });

  it('tpm: two requests at once cannot both reserve their estimate', async () => {
    const [a, b] = await Promise.all([chat(0, 'tpm-limited', 'Wait [slow=400]'), chat(1, 'tpm-limited', 'Wait [slow=400]')]);
    expect([a.status, b.status].sort()).toEqual([200, 429]);
    const refused = a.status === 429 ? a : b;
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/at tpm/);
  });

  it('max_parallel_requests: a second request while one is in flight on the other process is refused, then one fits again', async () => {
    const [a, b] = await Promise.all([chat(0, 'one-at-a-time', 'Wait [slow=500]'), chat(1, 'one-at-a-time', 'Wait [slow=500]')]);
    expect([a.status, b.status].sort()).toEqual([200, 429]);
    const refused = a.status === 429 ? a : b;
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/max_parallel_requests 1\/1/);
    expect((await chat(1, 'one-at-a-time')).status).toBe(200);
  });
});

describe('num_retries and a Redis outage', () => {
  let retrying: TextGateway;
  let redis: OwnRedis;

  beforeAll(async () => {
    redis = await startOwnRedis();
    retrying = await startTextGateway({
      redisUrl: redis.url,
      routerSettings: '  num_retries: 1',
      extraModels: ({ openai }) => `
  - model_name: limited
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, rpm: 100 }
    model_info: { id: limited-openai }
`,
    });
  });
  afterAll(async () => {
    await retrying?.stop();
    await redis?.stop();
  });

  const ask = (model: string, content: string) =>
    fetch(`${retrying.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
    });

  it('num_retries: 1 gives the only deployment a second try after a passing 5xx (without it, the 5xx is the answer)', async () => {
    const response = await ask('openai-chat', 'Hi [fail-first=retry-me]');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-reelay-attempts')).toBe('2');
    const once = await fetch(`${gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai-chat', messages: [{ role: 'user', content: 'Hi [fail-first=no-retry]' }] }),
    });
    expect(once.status).toBe(502);
  });

  it('Redis away: a deployment without limits goes on serving text; one with limits answers 503 service_unavailable', async () => {
    expect((await ask('openai-chat', 'Hi')).status).toBe(200);
    await redis.kill();
    try {
      // Past the one-second cooldown cache, so the unlimited path really meets the dead Redis.
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect((await ask('openai-chat', 'Hi')).status).toBe(200);
      const limited = await ask('limited', 'Hi');
      expect(limited.status).toBe(503);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
      expect(limited.headers.get('retry-after')).toBe('2');
    } finally {
      await redis.restart();
    }
    await waitFor(async () => ((await ask('limited', 'Hi')).status === 200 ? true : undefined), { timeoutMs: 10_000, intervalMs: 300, describe: () => 'the limited group did not recover after Redis returned' });
  });
});
