import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { startDemoStack, type DemoStack } from '../support/demo-stack';
import { FAKE_KEY, authedFetch } from '../support/gateway';
import { waitFor } from '../support/processes';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';

/**
 * Issue 9 §2: while Redis is unreachable every route that needs it answers 503 in OpenAI's
 * shape with Retry-After, at once (down) or within about a second (hung), instead of hanging
 * for seconds and answering 500; liveliness stays 200; after Redis returns the api and the
 * worker carry on without a restart and nothing accepted is lost.
 */
let redis: OwnRedis;
let fake: FakeOpenAIVideos;
let stack: DemoStack;
let baseUrl: string;

beforeAll(async () => {
  redis = await startOwnRedis();
  fake = await startFakeOpenAIVideos({ apiKey: FAKE_KEY, completeAfterMs: 1000 });
  stack = await startDemoStack({ redisUrl: redis.url, s3: inject('s3'), openaiBaseUrl: fake.baseUrl });
  baseUrl = stack.baseUrl;
});
afterAll(async () => {
  await stack?.stop();
  await fake?.close();
  await redis?.stop();
});

const create = () => authedFetch(baseUrl, '/v1/video/generations', { json: { model: 'sora-2', prompt: 'a kite', seconds: 4 } });

async function timed(request: () => Promise<Response>): Promise<{ response: Response; ms: number }> {
  const started = performance.now();
  const response = await request();
  return { response, ms: performance.now() - started };
}

async function expectUnavailable(request: () => Promise<Response>, withinMs: number) {
  const { response, ms } = await timed(request);
  expect(response.status).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = (await response.json()) as { error: { code: string; type: string; message: string } };
  expect(body.error).toMatchObject({ code: 'service_unavailable', type: 'server_error' });
  expect(body.error.message).toContain('cannot reach its Redis');
  expect(ms).toBeLessThan(withinMs);
  return ms;
}

async function completed(id: string) {
  return waitFor(
    async () => {
      const response = await authedFetch(baseUrl, `/v1/jobs/${id}`);
      const job = response.status === 200 ? ((await response.json()) as { status: string }) : undefined;
      return job?.status === 'completed' ? job : undefined;
    },
    { timeoutMs: 30_000, describe: () => `job ${id} never completed\n--- api ---\n${stack.api.output().slice(-2000)}\n--- worker ---\n${stack.worker.output().slice(-2000)}` },
  );
}

describe('a Redis outage', () => {
  it('down: 503 with Retry-After at once on every route that needs Redis; liveliness stays 200', async () => {
    const before = (await (await create()).json()) as { id: string };
    await completed(before.id);
    await redis.kill();

    const figures = {
      create: await expectUnavailable(create, 1_000),
      get: await expectUnavailable(() => authedFetch(baseUrl, `/v1/jobs/${before.id}`), 1_000),
      list: await expectUnavailable(() => authedFetch(baseUrl, '/v1/videos'), 1_000),
      modelInfo: await expectUnavailable(() => authedFetch(baseUrl, '/v1/model/info'), 1_000),
    };
    const readiness = await timed(() => fetch(`${baseUrl}/health/readiness`));
    expect(readiness.response.status).toBe(503);
    expect(readiness.ms).toBeLessThan(1_000);
    expect((await fetch(`${baseUrl}/health/liveliness`)).status).toBe(200);
    console.log(`redis-outage (down): 503 after ${Object.entries(figures).map(([route, ms]) => `${route} ${ms.toFixed(0)} ms`).join(', ')}; readiness 503 after ${readiness.ms.toFixed(0)} ms`);

    // Back: the job accepted before is still there, and new jobs run, without restarting anything.
    await redis.restart();
    await waitFor(async () => ((await fetch(`${baseUrl}/health/readiness`)).status === 200 ? true : undefined), { timeoutMs: 15_000, describe: () => 'readiness never came back' });
    expect((await (await authedFetch(baseUrl, `/v1/jobs/${before.id}`)).json()) as { status: string }).toMatchObject({ status: 'completed' });
    const after = await create();
    expect(after.status).toBe(202);
    await completed(((await after.json()) as { id: string }).id);
  });

  it('hung (the server answers nothing): 503 within about a second, not a wait for the client queue', async () => {
    redis.freeze();
    try {
      // The api gives each Redis command 900 ms; the margin is for a loaded CI machine.
      const createMs = await expectUnavailable(create, 2_500);
      const readiness = await timed(() => fetch(`${baseUrl}/health/readiness`));
      expect(readiness.response.status).toBe(503);
      expect(readiness.ms).toBeLessThan(2_500);
      console.log(`redis-outage (hung): create 503 after ${createMs.toFixed(0)} ms, readiness 503 after ${readiness.ms.toFixed(0)} ms`);
    } finally {
      redis.thaw();
    }
    await waitFor(async () => ((await create()).status === 202 ? true : undefined), { timeoutMs: 15_000, describe: () => 'creates never came back after the thaw' });
  });
});
