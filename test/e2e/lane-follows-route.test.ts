import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startArkSeedanceFake } from '../fakes/ark-seedance/index';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import type { VideoFake } from '../fakes/video-fake';
import { CLUSTER_FAKE_KEY, CLUSTER_MASTER_KEY, startLimitsCluster, type LimitsCluster } from '../support/limits-cluster';
import { writeTempConfig } from '../support/limits-config';
import { waitFor } from '../support/processes';
import { freshRedisUrl } from '../support/redis';

/**
 * Issue 8: a job that fails over to a deployment of another provider (before any task exists)
 * is watched, paused, capped, swept, cancelled and counted as that provider's, not as the
 * provider of the tier it was queued for. Order 1 is OpenAI and answers 500 on every create;
 * order 2 is Seedance on Volcengine Ark, which can cancel a queued task.
 */
const PRIMARY = 'clip-openai';
const SECONDARY = 'clip-ark';
const FAST_POLLING = { poll_initial_seconds: 0.5, poll_min_seconds: 0.25, poll_max_seconds: 1, job_timeout_seconds: 900 };

let openai: FakeOpenAIVideos;
let ark: VideoFake;
let cluster: LimitsCluster;
let redis: Redis;

beforeAll(async () => {
  openai = await startFakeOpenAIVideos({ apiKey: CLUSTER_FAKE_KEY, completeAfterMs: 800 });
  // `[slow]` tasks stay queued for 5 × 2 s / 2 = 5 s: time for the cancel to find them queued.
  ark = await startArkSeedanceFake({ apiKey: CLUSTER_FAKE_KEY, completeAfterMs: 2000, flavour: 'volcengine' });
  const config = {
    model_list: [
      { model_name: 'clip', litellm_params: { model: 'openai/sora-2', api_base: openai.baseUrl, api_key: CLUSTER_FAKE_KEY, order: 1, ...FAST_POLLING }, model_info: { id: PRIMARY } },
      {
        model_name: 'clip',
        litellm_params: { model: 'volcengine/doubao-seedance-1-5-pro-251215', api_base: ark.apiBase, api_key: CLUSTER_FAKE_KEY, order: 2, ...FAST_POLLING },
        model_info: { id: SECONDARY },
      },
    ],
  };
  const redisUrl = await freshRedisUrl(9);
  redis = new Redis(redisUrl);
  cluster = await startLimitsCluster({ redisUrl, s3: inject('s3'), configPath: writeTempConfig(stringify(config)), workers: 1 });
  openai.setCreateFailure(500);
});
afterAll(async () => {
  redis?.disconnect();
  await cluster?.stop();
  await openai?.close();
  await ark?.close();
});

/** The poll set a task waits in, by lane: `reelay:polls:{video-<provider>}`. */
const watchedIn = async (jobId: string) => {
  const lanes = ['video-openai', 'video-volcengine'];
  const scores = await Promise.all(lanes.map((lane) => redis.zscore(`reelay:polls:{${lane}}`, jobId)));
  return lanes.filter((_, i) => scores[i] !== null);
};

async function metricsText(): Promise<string> {
  const response = await fetch(`${cluster.baseUrl}/metrics`, { headers: { authorization: `Bearer ${CLUSTER_MASTER_KEY}` } });
  return response.text();
}

describe('the lane follows the route', () => {
  it('a job that fails over from OpenAI to Ark is polled, finished and counted in the Ark lane', async () => {
    const id = await cluster.submit('clip', 'a paper boat [slow]');
    const running = await waitFor(async () => {
      const job = await cluster.job(id);
      return job.routing?.upstream_id ? job : undefined;
    }, { timeoutMs: 30_000, describe: () => `the job never got an upstream task\n${cluster.describeOutput()}` });
    expect(running.routing).toMatchObject({ deployment_id: SECONDARY, provider: 'volcengine' });
    expect(await watchedIn(id)).toEqual(['video-volcengine']);

    const [done] = await cluster.waitForTerminal([id], 60_000);
    expect(done?.status).toBe('completed');
    // OpenAI refused the create and was never asked for a status; Ark answered every status call.
    expect(openai.stats()).toMatchObject({ serverErrors: 1, creates: 0, retrieves: 0 });
    expect(ark.stats().polls).toBeGreaterThan(0);
    await waitFor(async () => ((await metricsText()).includes('reelay_video_jobs_finished_total{model="clip",provider="volcengine",status="completed"') ? true : undefined), {
      timeoutMs: 15_000,
      describe: () => 'the finished job is not counted under provider="volcengine" in /metrics',
    });
  });

  it('a cancel during the run reaches Ark, the provider that holds the task', async () => {
    const id = await cluster.submit('clip', 'a lighthouse [slow]');
    await waitFor(async () => ((await cluster.job(id)).routing?.upstream_id ? true : undefined), {
      timeoutMs: 30_000,
      describe: () => `the job never got an upstream task\n${cluster.describeOutput()}`,
    });
    const cancelsBefore = ark.stats().cancels;
    const response = await fetch(`${cluster.baseUrl}/v1/videos/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${CLUSTER_MASTER_KEY}` } });
    expect(response.status).toBe(200);
    await waitFor(async () => (ark.stats().cancels > cancelsBefore ? true : undefined), {
      timeoutMs: 10_000,
      describe: () => `Ark never saw the cancel\n${cluster.describeOutput()}`,
    });
    expect(ark.stats().cancels).toBe(cancelsBefore + 1);
    expect((await cluster.job(id)).status).toBe('cancelled');
    await waitFor(async () => ((await watchedIn(id)).length === 0 ? true : undefined), { timeoutMs: 10_000, describe: () => 'the cancelled task is still watched' });
    expect(openai.stats().retrieves).toBe(0);
  });
});
