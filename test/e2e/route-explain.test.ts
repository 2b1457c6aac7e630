import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';
import { startTextGateway, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

/**
 * GET /v1/route/explain against the built api, real Redis and the text fakes: what it says
 * before and after real requests change the shared state, and that asking takes nothing.
 */
let gateway: TextGateway;

beforeAll(async () => {
  gateway = await startTextGateway({
    // Tier 1 (8/2) fails on every call (`broken-` model ids); tier 2 answers. One failure cools a deployment for a minute.
    extraModels: ({ openai, deepseek }) => `
  - model_name: tiered
    litellm_params: { model: openai/broken-heavy, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, order: 1, weight: 8 }
    model_info: { id: tier1-heavy }
  - model_name: tiered
    litellm_params: { model: openai/broken-light, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, order: 1, weight: 2 }
    model_info: { id: tier1-light }
  - model_name: tiered
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, order: 2 }
    model_info: { id: tier2-only }
  - model_name: metered
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, rpm: 2 }
    model_info: { id: rpm-2 }
  - model_name: spare
    litellm_params: { model: deepseek/${deepseek!.model}, api_base: ${deepseek!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY }
    model_info: { id: spare-deepseek }
`,
    routerSettings: `  fallbacks: [{ tiered: [spare] }, { metered: [spare] }]
  allowed_fails: 0
  cooldown_time: 60`,
  });
});
afterAll(async () => {
  await gateway?.stop();
});

interface ExplainedDeployment {
  id: string;
  weight: number | null;
  share: number | null;
  limits: { rpm: number | null };
  headroom: { rpm: { used: number; limit: number | null; left: number | null } } | null;
  cooldown: { until: string; seconds_left: number; reason: string | null } | null;
  last_error: { code: string; message: string } | null;
  eligible: boolean;
  reason?: string;
}
interface Explanation {
  model: string;
  mode: string;
  live: boolean;
  note?: string;
  groups: Array<{ model_name: string; fallback: boolean; tiers: Array<{ order: number; weighted_by: string; deployments: ExplainedDeployment[] }> }>;
  next: { kind: string; model_name?: string; fallback?: boolean; order?: number; deployments?: Array<{ id: string; chance: number }>; status?: number };
}

async function explain(query: string, baseUrl = gateway.baseUrl): Promise<{ status: number; body: Explanation & { error?: { message: string; code: string; param: string } } }> {
  const response = await fetch(`${baseUrl}/v1/route/explain${query}`, { headers: { authorization: `Bearer ${TEXT_MASTER_KEY}` } });
  return { status: response.status, body: (await response.json()) as Explanation & { error?: { message: string; code: string; param: string } } };
}

async function explained(model: string): Promise<Explanation> {
  const { status, body } = await explain(`?model=${model}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

const deploymentOf = (body: Explanation, id: string) => body.groups.flatMap((g) => g.tiers.flatMap((t) => t.deployments)).find((d) => d.id === id)!;

function chat(model: string) {
  return fetch(`${gateway.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEXT_MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
  });
}

describe('GET /v1/route/explain', () => {
  it('shows the group tier by tier, then its fallback group, with tier 1 next at 0.8 / 0.2', async () => {
    const body = await explained('tiered');
    expect(body).toMatchObject({ model: 'tiered', mode: 'chat', live: true });
    expect(body.groups.map((g) => [g.model_name, g.fallback, g.tiers.map((t) => [t.order, t.deployments.map((d) => [d.id, d.weight, d.share, d.eligible])])])).toEqual([
      ['tiered', false, [[1, [['tier1-heavy', 8, 0.8, true], ['tier1-light', 2, 0.2, true]]], [2, [['tier2-only', null, 1, true]]]]],
      ['spare', true, [[0, [['spare-deepseek', null, 1, true]]]]],
    ]);
    expect(body.next).toEqual({ kind: 'route', model_name: 'tiered', fallback: false, order: 1, deployments: [{ id: 'tier1-heavy', chance: 0.8 }, { id: 'tier1-light', chance: 0.2 }] });
  });

  it('after tier 1 fails, both its deployments show their cooldown (until, reason, last error) and tier 2 is next', async () => {
    const before = gateway.fakes.openai!.stats().requests;
    const response = await chat('tiered');
    expect(response.status, await response.clone().text()).toBe(200);
    expect(gateway.fakes.openai!.stats().requests - before).toBe(3); // both of tier 1, then tier 2

    const body = await explained('tiered');
    for (const id of ['tier1-heavy', 'tier1-light']) {
      const deployment = deploymentOf(body, id);
      expect(deployment).toMatchObject({ eligible: false, share: null, last_error: { code: 'upstream_error' } });
      expect(Date.parse(deployment.cooldown!.until)).toBeGreaterThan(Date.now() + 50_000);
      expect(deployment.cooldown!.seconds_left).toBeGreaterThan(50);
      expect(deployment.cooldown!.reason).toMatch(/^upstream_error: /);
      expect(deployment.reason).toMatch(/^cooling down until \S+ \(\d+\.\d s more\) after upstream_error: /);
      expect(deployment.reason).toContain(deployment.cooldown!.until);
    }
    expect(body.next).toEqual({ kind: 'route', model_name: 'tiered', fallback: false, order: 2, deployments: [{ id: 'tier2-only', chance: 1 }] });
  });

  it('asking takes nothing; a deployment with rpm 2 after 2 requests shows 2/2, is not eligible, and its fallback group is next', async () => {
    for (let i = 0; i < 5; i++) expect(deploymentOf(await explained('metered'), 'rpm-2').headroom!.rpm).toEqual({ used: 0, limit: 2, left: 2 });
    for (let i = 0; i < 2; i++) expect((await chat('metered')).status).toBe(200);

    const body = await explained('metered');
    expect(deploymentOf(body, 'rpm-2')).toMatchObject({ limits: { rpm: 2 }, headroom: { rpm: { used: 2, limit: 2, left: 0 } }, eligible: false, reason: expect.stringMatching(/^at rpm 2\/2 \(a slot frees in \d+\.\d s\)$/) });
    expect(body.groups.map((g) => g.model_name)).toEqual(['metered', 'spare']);
    expect(body.next).toEqual({ kind: 'route', model_name: 'spare', fallback: true, order: 0, deployments: [{ id: 'spare-deepseek', chance: 1 }] });
  });

  it('an unknown group is a 404 naming the groups; a missing model a 400; a bad mode a 400; no key a 401', async () => {
    const unknown = await explain('?model=nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    expect(unknown.body.error!.message).toMatch(/^The model "nope" does not exist\. Models you can use: .*\btiered\b/);
    const missing = await explain('');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ param: 'model' });
    expect((await explain('?model=tiered&mode=audio')).status).toBe(400);
    expect((await explain('?model=tiered&tokens=-1')).status).toBe(400);
    expect((await fetch(`${gateway.baseUrl}/v1/route/explain?model=tiered`)).status).toBe(401);
  });

  it('mode=video on a text group says what a video request would get', async () => {
    const { status, body } = await explain('?model=spare&mode=video');
    expect(status).toBe(200);
    expect(body.next).toMatchObject({ kind: 'none', status: 400 });
    expect(deploymentOf(body, 'spare-deepseek')).toMatchObject({ eligible: false, reason: expect.stringContaining('cannot make video') });
  });

  it('is in the OpenAPI document', async () => {
    const document = (await (await fetch(`${gateway.baseUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(document.paths['/v1/route/explain']).toBeDefined();
  });
});

describe('GET /v1/route/explain while Redis is down', () => {
  let redis: OwnRedis;
  let own: TextGateway;
  beforeAll(async () => {
    redis = await startOwnRedis();
    own = await startTextGateway({
      redisUrl: redis.url,
      extraModels: ({ openai }) => `
  - model_name: tiered
    litellm_params: { model: openai/${openai!.model}, api_base: ${openai!.apiBase}, api_key: os.environ/TEXT_FAKE_KEY, order: 1, rpm: 5 }
    model_info: { id: only }
`,
    });
  });
  afterAll(async () => {
    await own?.stop();
    await redis?.stop();
  });

  it('answers 200 with the configured part, live: false and a note', async () => {
    await redis.kill();
    const started = performance.now();
    const { status, body } = await explain('?model=tiered', own.baseUrl);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ live: false, note: expect.stringContaining('Redis is unreachable') });
    expect(deploymentOf(body, 'only')).toMatchObject({ limits: { rpm: 5 }, headroom: null, cooldown: null, eligible: true, share: 1 });
    expect(body.next).toMatchObject({ kind: 'route', order: 1 });
  });
});
