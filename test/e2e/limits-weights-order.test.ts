import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { CLUSTER_FAKE_KEY, countByDeployment, startLimitsCluster, type LimitsCluster } from '../support/limits-cluster';
import { limitsConfigYaml, writeTempConfig } from '../support/limits-config';
import { freshRedisUrl } from '../support/redis';

/**
 * Issue 4 (LiteLLM #33329 weights ignored, #18441 order ignored): two worker processes,
 * one fake upstream per deployment so the provider's own create counts are the evidence.
 */
const fakes: Record<string, FakeOpenAIVideos> = {};
let cluster: LimitsCluster;

beforeAll(async () => {
  for (const name of ['heavy', 'light', 'primary', 'secondary']) {
    fakes[name] = await startFakeOpenAIVideos({ apiKey: CLUSTER_FAKE_KEY, completeAfterMs: 800 });
  }
  const at = (name: string) => ({ id: `sora-${name}`, apiBase: fakes[name]!.baseUrl, apiKey: CLUSTER_FAKE_KEY });
  const configPath = writeTempConfig(
    limitsConfigYaml([
      { group: 'sora-weighted', ...at('heavy'), weight: 3 },
      { group: 'sora-weighted', ...at('light'), weight: 1 },
      // Listed second-tier first: file order must not matter, only `order`.
      { group: 'sora-ordered', ...at('secondary'), order: 2 },
      { group: 'sora-ordered', ...at('primary'), order: 1 },
    ]),
  );
  cluster = await startLimitsCluster({ redisUrl: await freshRedisUrl(8), s3: inject('s3'), configPath, workers: 2 });
});
afterAll(async () => {
  await cluster?.stop();
  await Promise.all(Object.values(fakes).map((fake) => fake.close()));
});

async function runJobs(group: string, count: number) {
  const ids = await Promise.all(Array.from({ length: count }, (_, index) => cluster.submit(group, `${group} job ${index}`)));
  const jobs = await cluster.waitForTerminal(ids, 90_000);
  expect(jobs.filter((job) => job.status !== 'completed').map((job) => `${job.id}: ${job.status} ${JSON.stringify(job.error)}`)).toEqual([]);
  return jobs;
}

describe('weights and order, across two worker processes', () => {
  it('weights 3:1: the heavy deployment takes a binomially plausible 3/4 of 80 jobs', async () => {
    const JOBS = 80;
    const jobs = await runJobs('sora-weighted', JOBS);
    const heavy = fakes.heavy!.stats().creates;
    const light = fakes.light!.stats().creates;

    // The job records and the providers agree on where each job ran.
    expect(countByDeployment(jobs)).toEqual({ ...(heavy ? { 'sora-heavy': heavy } : {}), ...(light ? { 'sora-light': light } : {}) });
    expect(heavy + light).toBe(JOBS);
    // heavy ~ Binomial(n = 80, p = 3/4): mean 60, sd = sqrt(80 · 3/4 · 1/4) = sqrt(15) ≈ 3.87 jobs
    // (4.8 points of share). Accepting 49..71 (share 0.6125..0.8875, about ±2.9 sd) fails a
    // correct router with probability P(X ≤ 48) + P(X ≥ 72) = 0.224 % + 0.065 % ≈ 0.29 %
    // (exact binomial sums). A router that ignores weights (p = 1/2, mean 40) lands inside
    // the band only 2.8 % of the time.
    expect(heavy).toBeGreaterThanOrEqual(49);
    expect(heavy).toBeLessThanOrEqual(71);
    console.info(`limits-weights: heavy ${heavy}/${JOBS} = ${((heavy / JOBS) * 100).toFixed(1)} % (expected 75 %)`);
  });

  it('order 1 and order 2 both healthy: every one of 20 jobs runs on order 1', async () => {
    const jobs = await runJobs('sora-ordered', 20);
    expect(countByDeployment(jobs)).toEqual({ 'sora-primary': 20 });
    expect(jobs.every((job) => job.routing?.attempts === 1)).toBe(true);
    expect(fakes.primary!.stats().creates).toBe(20);
    expect(fakes.secondary!.stats().creates).toBe(0);
  });
});
