import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeploymentLimiter, routeDeployment } from '@reelay/limits';
import { parseRegistry } from '@reelay/registry';
import { freshRedisUrl } from '../support/redis';

let url: string;
let redis: Redis;
let prefix = '';
let limiter: DeploymentLimiter;

beforeAll(async () => {
  url = await freshRedisUrl(12);
  redis = new Redis(url);
});
afterAll(() => redis.disconnect());
beforeEach(() => {
  prefix = `t${Math.random().toString(36).slice(2, 8)}`;
  limiter = new DeploymentLimiter(redis, { prefix, leaseMs: 60_000 });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DeploymentLimiter on real Redis', () => {
  it('rpm: the request beyond the limit is refused with the wait until the oldest leaves the window', async () => {
    for (const job of ['a', 'b', 'c']) expect(await limiter.acquire('d', { rpm: 3 }, job)).toMatchObject({ ok: true });
    const refused = await limiter.acquire('d', { rpm: 3 }, 'd');
    expect(refused).toMatchObject({ ok: false, reason: 'rpm', used: 3, limit: 3 });
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(59_000);
    expect((await limiter.inspect('d')).requestsInWindow).toBe(3);
  });

  it('in-flight: leases are per job, released on demand, and a re-acquire by the same job refreshes it', async () => {
    expect(await limiter.acquire('d', { maxParallelRequests: 2 }, 'a')).toMatchObject({ ok: true, inFlight: 1 });
    expect(await limiter.acquire('d', { maxParallelRequests: 2 }, 'b')).toMatchObject({ ok: true, inFlight: 2 });
    expect(await limiter.acquire('d', { maxParallelRequests: 2 }, 'c')).toMatchObject({ ok: false, reason: 'in_flight', used: 2, limit: 2 });
    expect(await limiter.acquire('d', { maxParallelRequests: 2 }, 'a')).toMatchObject({ ok: true, inFlight: 2 });
    await limiter.releaseLease('d', 'a');
    expect(await limiter.acquire('d', { maxParallelRequests: 2 }, 'c')).toMatchObject({ ok: true, inFlight: 2 });
  });

  it('a lease not renewed expires, so a dead worker’s slot comes back; a renewed one stays', async () => {
    const short = new DeploymentLimiter(redis, { prefix, leaseMs: 400 });
    await short.acquire('d', { maxParallelRequests: 2 }, 'lost');
    await short.acquire('d', { maxParallelRequests: 2 }, 'alive');
    await sleep(250);
    expect(await short.renewLease('d', 'alive')).toBe(true);
    await sleep(250);
    expect((await short.inspect('d')).inFlight).toBe(1);
    expect(await short.acquire('d', { maxParallelRequests: 2 }, 'new')).toMatchObject({ ok: true });
  });

  it('a job that polls again after its lease lapsed takes its slot back: the count follows real tasks', async () => {
    const short = new DeploymentLimiter(redis, { prefix, leaseMs: 200 });
    await short.acquire('d', { maxParallelRequests: 1 }, 'slow-poller');
    await sleep(300);
    expect(await short.renewLease('d', 'slow-poller')).toBe(false);
    expect((await short.inspect('d')).inFlight).toBe(1);
    expect(await short.acquire('d', { maxParallelRequests: 1 }, 'other')).toMatchObject({ ok: false, reason: 'in_flight' });
  });

  it('20 concurrent acquires from three connections take exactly the 3 free slots', async () => {
    const connections = [new Redis(url), new Redis(url), new Redis(url)];
    const limiters = connections.map((c) => new DeploymentLimiter(c, { prefix }));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => limiters[i % 3]!.acquire('d', { rpm: 100, maxParallelRequests: 3 }, `job${i}`)));
    connections.forEach((c) => c.disconnect());
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect((await limiter.inspect('d')).inFlight).toBe(3);
    expect((await limiter.inspect('d')).requestsInWindow).toBe(3); // refused acquires count nothing
  });

  it('tpm counts tokens in the window', async () => {
    expect(await limiter.acquire('d', { tpm: 100 }, 'a', 60)).toMatchObject({ ok: true });
    expect(await limiter.acquire('d', { tpm: 100 }, 'b', 50)).toMatchObject({ ok: false, reason: 'tpm', used: 60, limit: 100 });
    expect(await limiter.acquire('d', { tpm: 100 }, 'c', 40)).toMatchObject({ ok: true });
    expect((await limiter.inspect('d')).tokensInWindow).toBe(100);
  });

  it('allowed_fails failures in a minute are tolerated; one more cools the deployment down for cooldown_time', async () => {
    const policy = { allowedFails: 1, cooldownMs: 500 };
    expect(await limiter.recordFailure('d', policy, { code: 'upstream_error', message: '500' })).toBe(0);
    expect(await limiter.acquire('d', {}, 'a')).toMatchObject({ ok: true });
    expect(await limiter.recordFailure('d', policy, { code: 'upstream_error', message: '500 again' })).toBe(500);
    expect(await limiter.acquire('d', {}, 'b')).toMatchObject({ ok: false, reason: 'cooldown' });
    const state = await limiter.inspect('d');
    expect(state.cooldownReason).toBe('upstream_error: 500 again');
    expect(await limiter.lastError('d')).toMatchObject({ code: 'upstream_error', message: '500 again' });
    await sleep(550);
    expect(await limiter.acquire('d', {}, 'b')).toMatchObject({ ok: true });
  });

  it('a 429 with Retry-After cools the deployment for exactly that long, whatever allowed_fails says', async () => {
    expect(await limiter.recordFailure('d', { allowedFails: 10, cooldownMs: 5000 }, { code: 'upstream_rate_limited', message: '429', retryAfterMs: 1500 })).toBe(1500);
    const refused = await limiter.acquire('d', {}, 'a');
    expect(refused).toMatchObject({ ok: false, reason: 'cooldown' });
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(1300);
  });
});

describe('routeDeployment: what the config says, with limits from Redis', () => {
  const registry = parseRegistry(
    `model_list:
  - { model_name: video, litellm_params: { model: openai/sora-2, order: 1, max_parallel_requests: 1 }, model_info: { id: primary } }
  - { model_name: video, litellm_params: { model: openai/sora-2, order: 2, weight: 3 }, model_info: { id: second-a } }
  - { model_name: video, litellm_params: { model: openai/sora-2, order: 2, weight: 1 }, model_info: { id: second-b } }
  - { model_name: limited, litellm_params: { model: openai/sora-2, rpm: 1 }, model_info: { id: only } }
  - { model_name: spare, litellm_params: { model: openai/sora-2 }, model_info: { id: spare-1 } }
router_settings:
  fallbacks: [{ limited: [spare] }]
`,
    { env: {} },
  );
  const route = (jobId: string, extra: Partial<Parameters<typeof routeDeployment>[0]> = {}) =>
    routeDeployment({ registry, modelName: 'video', limiter, jobId, eligible: () => true, random: Math.random, ...extra });

  it('takes the lowest order tier while it has capacity, then the next tier, recording why', async () => {
    const first = await route('j1');
    expect(first).toMatchObject({ kind: 'acquired', deployment: { id: 'primary' }, tier: 1, excluded: [] });
    const second = await route('j2');
    expect(second.kind).toBe('acquired');
    if (second.kind !== 'acquired') return;
    expect(['second-a', 'second-b']).toContain(second.deployment.id);
    expect(second.excluded).toEqual([{ id: 'primary', reason: 'at max_parallel_requests 1/1' }]);
  });

  it('a group at its limit falls back to its fallbacks; with nothing left the job waits for capacity', async () => {
    const base = { modelName: 'limited' } as const;
    expect(await route('a', base)).toMatchObject({ kind: 'acquired', deployment: { id: 'only' } });
    expect(await route('b', base)).toMatchObject({ kind: 'acquired', modelName: 'spare', deployment: { id: 'spare-1' }, excluded: [{ id: 'only' }] });
    await limiter.recordFailure('spare-1', { allowedFails: 0, cooldownMs: 10_000 }, { code: 'upstream_error', message: 'down' });
    const waiting = await route('c', base);
    expect(waiting.kind).toBe('wait');
    if (waiting.kind === 'wait') {
      expect(waiting.retryAfterMs).toBeGreaterThan(9_000);
      expect(waiting.excluded.map((e) => e.reason)).toEqual([expect.stringMatching(/^at rpm 1\/1/), expect.stringMatching(/^cooling down for/)]);
    }
  });

  it('nothing eligible at all is `none`, with every reason', async () => {
    const result = await route('x', { eligible: () => 'provider xyz has no video adapter' });
    expect(result).toMatchObject({ kind: 'none' });
    expect(result.excluded).toHaveLength(3);
  });

  it('weights hold within ±2 % over 4,000 routed jobs (seeded random, real Redis)', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    await limiter.acquire('primary', { maxParallelRequests: 1 }, 'holder'); // order 1 full: all go to tier 2
    const counts: Record<string, number> = {};
    for (let i = 0; i < 4000; i++) {
      const result = await route(`w${i}`, { random });
      if (result.kind === 'acquired') counts[result.deployment.id] = (counts[result.deployment.id] ?? 0) + 1;
    }
    expect(counts['second-a']! / 4000).toBeGreaterThan(0.73);
    expect(counts['second-a']! / 4000).toBeLessThan(0.77);
    expect(counts.primary).toBeUndefined();
  });
});

describe('text requests settle their tokens', () => {
  it('the estimate reserved at acquire is replaced by the real count, in the same place of the window', async () => {
    const taken = await limiter.acquire('t', { tpm: 2_000 }, 'req-1', 1_500);
    expect(taken.ok).toBe(true);
    expect(await limiter.acquire('t', { tpm: 2_000 }, 'req-2', 1_500)).toMatchObject({ ok: false, reason: 'tpm', used: 1_500 });
    if (taken.ok) await limiter.settleTokens('t', taken.requestId, 1_500, 40);
    expect((await limiter.inspect('t')).tokensInWindow).toBe(40);
    expect(await limiter.acquire('t', { tpm: 2_000 }, 'req-2', 1_500)).toMatchObject({ ok: true });
  });

  it('a deployment without limits is checked for its cooldown only, and a cooldown this process records applies at once', async () => {
    expect(await limiter.cooldownLeft('u')).toBe(0);
    await limiter.recordFailure('u', { allowedFails: 0, cooldownMs: 30_000 }, { code: 'upstream_rate_limited', message: '429', retryAfterMs: 5_000 });
    expect(await limiter.cooldownLeft('u')).toBeGreaterThan(4_000);
  });
});

describe('DeploymentLimiter.peek: what acquire would answer, taking nothing', () => {
  const limits = { rpm: 2, tpm: 1_000, maxParallelRequests: 3 };

  it('says the same as the acquire that follows it, and changes no count', async () => {
    expect(await limiter.peek('p', limits)).toEqual({
      cooldownUntil: null,
      cooldownReason: null,
      requestsInWindow: 0,
      tokensInWindow: 0,
      inFlight: 0,
      failuresInWindow: 0,
      refusal: null,
    });
    for (let i = 0; i < 5; i++) await limiter.peek('p', limits, 100);
    expect(await limiter.acquire('p', limits, 'a', 100)).toMatchObject({ ok: true });
    expect(await limiter.acquire('p', limits, 'b', 100)).toMatchObject({ ok: true });
    const peeked = await limiter.peek('p', limits, 100);
    const acquired = await limiter.acquire('p', limits, 'c', 100);
    expect(peeked).toMatchObject({ requestsInWindow: 2, tokensInWindow: 200, inFlight: 2, refusal: { ok: false, reason: 'rpm', used: 2, limit: 2 } });
    expect(acquired).toMatchObject({ ok: false, reason: 'rpm', used: 2, limit: 2 });
    if (!acquired.ok) expect(Math.abs(peeked.refusal!.retryAfterMs - acquired.retryAfterMs)).toBeLessThan(200);
    expect(await limiter.inspect('p')).toMatchObject({ requestsInWindow: 2, tokensInWindow: 200, inFlight: 2 });
  });

  it('checks tpm with the tokens asked about, and in-flight leases, as acquire does', async () => {
    await limiter.acquire('q', { tpm: 1_000 }, 'a', 900);
    expect((await limiter.peek('q', { tpm: 1_000 }, 100)).refusal).toBeNull();
    expect((await limiter.peek('q', { tpm: 1_000 }, 101)).refusal).toMatchObject({ reason: 'tpm', used: 900, limit: 1_000 });
    expect(await limiter.acquire('q', { tpm: 1_000 }, 'b', 101)).toMatchObject({ ok: false, reason: 'tpm' });

    await limiter.acquire('r', { maxParallelRequests: 1 }, 'holder');
    const peeked = await limiter.peek('r', { maxParallelRequests: 1 });
    expect(peeked).toMatchObject({ inFlight: 1, refusal: { reason: 'in_flight', used: 1, limit: 1 } });
    expect(peeked.refusal!.retryAfterMs).toBeGreaterThan(59_000); // the lease's end (leaseMs 60 s here)
    await limiter.releaseLease('r', 'holder');
    expect((await limiter.peek('r', { maxParallelRequests: 1 })).refusal).toBeNull();
  });

  it('shows a cooldown with its end and reason, and failures counting towards allowed_fails', async () => {
    await limiter.recordFailure('s', { allowedFails: 2, cooldownMs: 5_000 }, { code: 'upstream_error', message: '500' });
    await limiter.recordFailure('s', { allowedFails: 2, cooldownMs: 5_000 }, { code: 'upstream_error', message: '502' });
    expect(await limiter.peek('s')).toMatchObject({ failuresInWindow: 2, cooldownUntil: null, refusal: null });
    await limiter.recordFailure('s', { allowedFails: 2, cooldownMs: 5_000 }, { code: 'upstream_error', message: '503' });
    const before = Date.now();
    const peeked = await limiter.peek('s', { rpm: 10 });
    expect(peeked).toMatchObject({ failuresInWindow: 0, cooldownReason: 'upstream_error: 503', refusal: { reason: 'cooldown' } });
    expect(peeked.cooldownUntil! - before).toBeGreaterThan(4_000);
    expect(peeked.refusal!.retryAfterMs).toBeGreaterThan(4_000);
  });

  it('a request slot leaves the window on time for peek as for acquire', async () => {
    const short = new DeploymentLimiter(redis, { prefix, windowMs: 300 });
    await short.acquire('w', { rpm: 1 }, 'a');
    expect((await short.peek('w', { rpm: 1 })).refusal).toMatchObject({ reason: 'rpm' });
    await sleep(350);
    expect(await short.peek('w', { rpm: 1 })).toMatchObject({ requestsInWindow: 0, refusal: null });
    expect(await short.acquire('w', { rpm: 1 }, 'b')).toMatchObject({ ok: true });
  });
});
