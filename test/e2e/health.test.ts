import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTextGateway, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

/**
 * GET /health on two api processes sharing one Redis: the deployments are probed once per round
 * for both (replicas must not multiply the calls to the vendors), and each unhealthy endpoint
 * says why and what to do.
 */
let gateway: TextGateway;

beforeAll(async () => {
  gateway = await startTextGateway({ apis: 2 });
});
afterAll(async () => {
  await gateway?.stop();
});

interface Endpoint {
  model: string;
  model_name: string;
  model_id: string;
  result: string;
  error?: string;
  cause?: string;
  fix?: string;
}
interface Health {
  healthy_endpoints: Endpoint[];
  unhealthy_endpoints: Endpoint[];
  healthy_count: number;
  unhealthy_count: number;
  checked_at: string;
  cached: boolean;
}

async function health(baseUrl: string, query = ''): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${baseUrl}/health${query}`, { headers: { authorization: `Bearer ${TEXT_MASTER_KEY}` } });
  return { status: response.status, body: (await response.json()) as Health };
}

const probesSeen = () => Object.values(gateway.fakes).reduce((sum, fake) => sum + fake.stats().requests + fake.stats().rejectedAuth, 0);

describe('GET /health', () => {
  let first: Health[];

  beforeAll(async () => {
    // Both processes asked at once: one probes, the other waits for its round.
    first = (await Promise.all(gateway.baseUrls.map((baseUrl) => health(baseUrl)))).map((answer) => answer.body);
  });

  it("answers in LiteLLM's shape, every deployment once, the same round on both processes", () => {
    const deployments = Object.keys(gateway.fakes).length * 3;
    expect(first[0]!.healthy_count + first[0]!.unhealthy_count).toBe(deployments);
    expect(first[1]!.checked_at).toBe(first[0]!.checked_at);
    expect(probesSeen()).toBe(deployments);
  });

  it('a working deployment is healthy, a refused key unhealthy with the cause and the fix', () => {
    const healthy = first[0]!.healthy_endpoints.map((endpoint) => endpoint.model_id);
    expect(healthy).toEqual(expect.arrayContaining(['openai-fake', 'anthropic-fake', 'gemini-fake', 'perplexity-fake']));
    const refused = first[0]!.unhealthy_endpoints.find((endpoint) => endpoint.model_id === 'openai-wrong-key-fake')!;
    expect(refused).toMatchObject({ model_name: 'openai-wrong-key', result: 'auth', fix: expect.stringContaining('WRONG_KEY') });
    expect(refused.error).toMatch(/Incorrect API key/);
  });

  it('asked again within the minute, it answers from the round: no vendor is called', async () => {
    const before = probesSeen();
    const again = await health(gateway.baseUrls[1]!);
    expect(again.body.cached).toBe(true);
    expect(again.body.checked_at).toBe(first[0]!.checked_at);
    expect(probesSeen()).toBe(before);
  });

  it('?model= narrows it to one group; an unknown group is a 404 naming the groups', async () => {
    const one = await health(gateway.baseUrl, '?model=xai-wrong-key');
    expect(one.body.healthy_count + one.body.unhealthy_count).toBe(1);
    expect(one.body.unhealthy_endpoints[0]).toMatchObject({ model: expect.stringMatching(/^xai\//), result: 'auth' });
    const unknown = await fetch(`${gateway.baseUrl}/health?model=nope`, { headers: { authorization: `Bearer ${TEXT_MASTER_KEY}` } });
    expect(unknown.status).toBe(404);
  });

  it('needs the master key', async () => {
    expect((await fetch(`${gateway.baseUrl}/health`)).status).toBe(401);
  });
});
