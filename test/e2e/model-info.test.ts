import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentLimiter } from '@reelay/limits';
import { loadRegistryFromFile, type Registry } from '@reelay/registry';
import { FAKE_KEY, MASTER_KEY, authedFetch, startGateway, type Gateway } from '../support/gateway';
import { waitFor } from '../support/processes';

let gateway: Gateway;
let registry: Registry;
let redis: Redis;

beforeAll(async () => {
  gateway = await startGateway({ redisDb: 11, completeAfterMs: 1500 });
  // The same file and environment the api loaded, so the expectations follow the demo config.
  registry = loadRegistryFromFile(gateway.env.REELAY_CONFIG!, { ...process.env, ...gateway.env });
  redis = new Redis(gateway.env.REDIS_URL!);
});
afterAll(async () => {
  redis?.disconnect();
  await gateway?.stop();
});

interface DeploymentInfo {
  model_name: string;
  litellm_params: Record<string, unknown>;
  model_info: {
    id: string;
    provider: string;
    mode: string;
    limits: { rpm: number | null; tpm: number | null; max_parallel_requests: number | null };
    usage: { requests_last_minute: number; tokens_last_minute: number; in_flight: number };
    cooldown_until: string | null;
    cooldown_reason: string | null;
    last_error: { at: string; code: string; message: string } | null;
    expected_completion_seconds: number | null;
  };
}

async function modelInfo(query = ''): Promise<{ data: DeploymentInfo[]; raw: string }> {
  const response = await authedFetch(gateway.baseUrl, `/v1/model/info${query}`);
  const raw = await response.text();
  expect(response.status, raw).toBe(200);
  return { data: (JSON.parse(raw) as { data: DeploymentInfo[] }).data, raw };
}

const infoOf = async (id: string) => (await modelInfo()).data.find((d) => d.model_info.id === id)!;

describe('GET /v1/model/info', () => {
  it('lists every deployment of the config with its limits, sorted by model name then order', async () => {
    const { data } = await modelInfo();
    const expected = [...registry.deployments].sort((a, b) => a.modelName.localeCompare(b.modelName) || (a.order ?? 0) - (b.order ?? 0));
    expect(data.map((d) => d.model_info.id)).toEqual(expected.map((d) => d.id));
    for (const [index, deployment] of expected.entries()) {
      const entry = data[index]!;
      expect(entry.model_name).toBe(deployment.modelName);
      expect(entry.litellm_params.model).toBe(`${deployment.provider}/${deployment.upstreamModel}`);
      expect(entry.litellm_params.api_base).toBe(deployment.apiBase);
      expect(entry.model_info).toMatchObject({
        provider: deployment.provider,
        mode: deployment.mode,
        limits: {
          rpm: deployment.rpm ?? null,
          tpm: deployment.tpm ?? null,
          max_parallel_requests: deployment.maxParallelRequests ?? registry.routerSettings.defaultMaxParallelRequests ?? null,
        },
        usage: { requests_last_minute: 0, tokens_last_minute: 0, in_flight: 0 },
        cooldown_until: null,
        cooldown_reason: null,
        last_error: null,
        expected_completion_seconds: null,
      });
    }
  });

  it('never shows a key: neither the gateway key nor a provider key from the config', async () => {
    const { raw } = await modelInfo();
    expect(raw).not.toContain(MASTER_KEY);
    expect(raw).not.toContain(FAKE_KEY);
    expect(raw).not.toContain('api_key');
    expect(registry.deployments.every((d) => d.apiKey === FAKE_KEY)).toBe(true); // the secret checked for is really in the config
  });

  it('counts a completed job: requests in the last minute ≥ 1, in flight back to 0', async () => {
    const created = await authedFetch(gateway.baseUrl, '/v1/video/generations', { json: { model: 'sora-2', prompt: 'a kite over dunes' } });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    await waitFor(
      async () => {
        const job = (await (await authedFetch(gateway.baseUrl, `/v1/jobs/${id}`)).json()) as { status: string };
        return ['completed', 'failed', 'cancelled'].includes(job.status) ? job : undefined;
      },
      { timeoutMs: 60_000, describe: () => `job ${id} never finished; worker output:\n${gateway.worker.output()}` },
    ).then((job) => expect(job.status).toBe('completed'));

    const sora = await waitFor(
      async () => {
        const info = await infoOf('sora-2-fake');
        return info.model_info.usage.in_flight === 0 ? info : undefined;
      },
      { timeoutMs: 10_000, describe: () => 'the in-flight lease of sora-2-fake was not released after the job completed' },
    );
    expect(sora.model_info.usage.requests_last_minute).toBeGreaterThanOrEqual(1);
  });

  it('shows a cooldown, its reason and the last error written by any process', async () => {
    const limiter = new DeploymentLimiter(redis, { prefix: 'reelay' });
    await limiter.recordFailure('veo-3.1-fake', { allowedFails: 3, cooldownMs: 30_000 }, { code: 'upstream_rate_limited', message: 'Resource has been exhausted', retryAfterMs: 60_000 });
    const veo = await infoOf('veo-3.1-fake');
    expect(Date.parse(veo.model_info.cooldown_until!)).toBeGreaterThan(Date.now() + 30_000);
    expect(veo.model_info.cooldown_reason).toContain('upstream_rate_limited');
    expect(veo.model_info.last_error).toMatchObject({ code: 'upstream_rate_limited', message: 'Resource has been exhausted' });
    expect(Math.abs(Date.parse(veo.model_info.last_error!.at) - Date.now())).toBeLessThan(10_000);
    // Other deployments are untouched.
    expect((await infoOf('wan2.6-t2v-fake')).model_info.cooldown_until).toBeNull();
  });

  it('shows the job length the poll schedule learned, once ten jobs of the deployment have finished', async () => {
    const key = 'reelay:completion-times:{seedance-1.5-pro-fake}';
    for (let s = 1; s <= 9; s++) await redis.lpush(key, s * 60_000);
    expect((await infoOf('seedance-1.5-pro-fake')).model_info.expected_completion_seconds).toBeNull();
    await redis.lpush(key, 10 * 60_000);
    expect((await infoOf('seedance-1.5-pro-fake')).model_info.expected_completion_seconds).toBe(60);
  });

  it('?model= narrows to one group; an unknown name is a 404 that lists the names', async () => {
    const { data } = await modelInfo('?model=wan2.6-t2v');
    expect(data.map((d) => d.model_info.id)).toEqual(['wan2.6-t2v-fake']);

    const missing = await authedFetch(gateway.baseUrl, '/v1/model/info?model=sora-3');
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: { message: string; type: string; param: string; code: string } };
    expect(body.error).toMatchObject({ type: 'not_found_error', param: 'model', code: 'model_not_found' });
    for (const name of registry.modelNames()) expect(body.error.message).toContain(name);
  });

  it('answers 401 without the gateway key', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/model/info`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('missing_api_key');
    const wrong = await fetch(`${gateway.baseUrl}/v1/model/info`, { headers: { authorization: `Bearer ${FAKE_KEY}` } });
    expect(wrong.status).toBe(401);
  });
});

/** The value of one sample in Prometheus text, or undefined when the line is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const rendered = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',');
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${rendered}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  it('counts finished jobs and upstream calls from the workers, and shows queues, poll sets and deployments', async () => {
    const created = await authedFetch(gateway.baseUrl, '/v1/video/generations', { json: { model: 'wan2.6-t2v', prompt: 'a fox in snow' } });
    const { id } = (await created.json()) as { id: string };
    await waitFor(async () => ((await (await authedFetch(gateway.baseUrl, `/v1/jobs/${id}`)).json()) as { status: string }).status === 'completed' || undefined, {
      timeoutMs: 60_000,
      describe: () => `job ${id} never completed; worker output:\n${gateway.worker.output()}`,
    });

    // Workers write their call counts every 5 s.
    const text = await waitFor(
      async () => {
        const response = await authedFetch(gateway.baseUrl, '/metrics');
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
        const body = await response.text();
        return (sample(body, 'reelay_upstream_calls_total', { deployment: 'wan2.6-t2v-fake', call: 'result', outcome: 'ok' }) ?? 0) >= 1 ? body : undefined;
      },
      { timeoutMs: 15_000, describe: () => 'the worker never reported its upstream calls' },
    );
    expect(sample(text, 'reelay_video_jobs_finished_total', { model: 'wan2.6-t2v', provider: 'dashscope', status: 'completed', error_code: '' })).toBe(1);
    expect(sample(text, 'reelay_upstream_calls_total', { deployment: 'wan2.6-t2v-fake', call: 'create', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'reelay_upstream_calls_total', { deployment: 'wan2.6-t2v-fake', call: 'status', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'reelay_queue_jobs', { queue: 'video-dashscope', state: 'waiting' })).toBe(0);
    expect(sample(text, 'reelay_queue_jobs', { queue: 'webhooks', state: 'failed' })).toBe(0);
    expect(sample(text, 'reelay_poll_tasks', { queue: 'video-dashscope' })).toBe(0);
    expect(sample(text, 'reelay_poll_overdue_tasks', { queue: 'video-openai' })).toBe(0);
    const wan = { model_name: 'wan2.6-t2v', deployment: 'wan2.6-t2v-fake', provider: 'dashscope' };
    expect(sample(text, 'reelay_deployment_in_flight', wan)).toBe(0);
    expect(sample(text, 'reelay_deployment_requests_last_minute', wan)).toBe(1);
    expect(sample(text, 'reelay_deployment_cooldown_seconds', wan)).toBe(0);
    expect(sample(text, 'reelay_deployment_cooldown_seconds', { model_name: 'veo-3.1-generate-preview', deployment: 'veo-3.1-fake', provider: 'gemini' })).toBeGreaterThan(0); // cooled above
    expect(text).not.toContain(MASTER_KEY);
    expect(text).not.toContain(FAKE_KEY);
  });

  it('answers 401 without the gateway key', async () => {
    expect((await fetch(`${gateway.baseUrl}/metrics`)).status).toBe(401);
  });
});
