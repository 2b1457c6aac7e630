import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { CLUSTER_FAKE_KEY, countByDeployment, startLimitsCluster, type LimitsCluster } from '../support/limits-cluster';
import { limitsConfigYaml, writeTempConfig } from '../support/limits-config';
import { waitFor } from '../support/processes';
import { freshRedisUrl } from '../support/redis';

/**
 * Issue 4 (LiteLLM #38968: failover re-picks the failing deployment): order 1 answers 500
 * on every create. New jobs must complete on order 2, order 1 must cool down (no more
 * creates sent to it) and must be used again once `cooldown_time` has passed.
 */
const COOLDOWN_SECONDS = 4;
const PRIMARY = 'sora-fo-primary';
const SECONDARY = 'sora-fo-secondary';

let primary: FakeOpenAIVideos;
let secondary: FakeOpenAIVideos;
let cluster: LimitsCluster;

beforeAll(async () => {
  primary = await startFakeOpenAIVideos({ apiKey: CLUSTER_FAKE_KEY, completeAfterMs: 800 });
  secondary = await startFakeOpenAIVideos({ apiKey: CLUSTER_FAKE_KEY, completeAfterMs: 800 });
  const configPath = writeTempConfig(
    limitsConfigYaml(
      [
        { group: 'sora-failover', id: PRIMARY, apiBase: primary.baseUrl, apiKey: CLUSTER_FAKE_KEY, order: 1 },
        { group: 'sora-failover', id: SECONDARY, apiBase: secondary.baseUrl, apiKey: CLUSTER_FAKE_KEY, order: 2 },
      ],
      // allowed_fails 0: the first failure within a minute starts the cooldown.
      { allowedFails: 0, cooldownSeconds: COOLDOWN_SECONDS },
    ),
  );
  cluster = await startLimitsCluster({ redisUrl: await freshRedisUrl(9), s3: inject('s3'), configPath, workers: 2 });
});
afterAll(async () => {
  await cluster?.stop();
  await primary?.close();
  await secondary?.close();
});

async function primaryInfo() {
  const entries = await cluster.modelInfo('sora-failover');
  const entry = entries.find((e) => e.model_info.id === PRIMARY);
  if (!entry) throw new Error(`GET /v1/model/info has no ${PRIMARY}: ${JSON.stringify(entries)}`);
  return entry.model_info;
}

describe('failover from a failing order-1 deployment, cooldown and return', () => {
  it('500s on order 1: jobs complete on order 2, order 1 cools down, and takes jobs again after cooldown_time', async () => {
    primary.setCreateFailure(500);

    // The first job tries order 1, gets the 500 and moves to order 2 (no task existed).
    const firstSubmittedAt = Date.now();
    const first = await cluster.submit('sora-failover', 'first job while order 1 is down');
    await waitFor(async () => ((await cluster.job(first)).routing?.upstream_id ? true : undefined), {
      timeoutMs: 30_000,
      describe: () => `the first job never got an upstream task\n${cluster.describeOutput()}`,
    });
    expect(primary.stats().serverErrors).toBe(1);

    // Inside the cooldown: new jobs skip order 1 without trying it.
    const during = await Promise.all([1, 2, 3, 4].map((n) => cluster.submit('sora-failover', `job ${n} during the cooldown`)));
    const info = await primaryInfo();
    expect(info.cooldown_until).not.toBeNull();
    const failedOver = await cluster.waitForTerminal([first, ...during], 60_000);
    expect(failedOver.map((job) => job.status)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);
    expect(countByDeployment(failedOver)).toEqual({ [SECONDARY]: 5 });
    for (const job of failedOver) {
      // Each job's record says order 1 was left out and why (create failed, or cooling down).
      expect(job.routing?.excluded.map((exclusion) => exclusion.id)).toContain(PRIMARY);
    }
    const firstJob = failedOver[0]!;
    expect(firstJob.routing?.attempts).toBeGreaterThanOrEqual(2);
    for (const job of failedOver.slice(1)) {
      expect(job.routing?.excluded.find((exclusion) => exclusion.id === PRIMARY)?.reason).toMatch(/cool/i);
    }
    // Order 1 was asked once, then left alone: the cooldown, not a retry storm.
    expect(primary.stats()).toMatchObject({ serverErrors: 1, creates: 0 });
    expect(secondary.stats().creates).toBe(5);

    // Order 1 recovers; once its cooldown has run out it is first choice again.
    primary.setCreateFailure(null);
    await waitFor(async () => ((await primaryInfo()).cooldown_until === null ? true : undefined), {
      timeoutMs: (COOLDOWN_SECONDS + 10) * 1000,
      intervalMs: 200,
      describe: () => `order 1 still cooling down ${COOLDOWN_SECONDS + 10} s after the failure`,
    });
    expect(Date.now() - firstSubmittedAt).toBeGreaterThanOrEqual((COOLDOWN_SECONDS - 0.5) * 1000);
    const after = await Promise.all([1, 2, 3, 4, 5].map((n) => cluster.submit('sora-failover', `job ${n} after the cooldown`)));
    const recovered = await cluster.waitForTerminal(after, 60_000);
    expect(recovered.every((job) => job.status === 'completed')).toBe(true);
    expect(countByDeployment(recovered)).toEqual({ [PRIMARY]: 5 });
    expect(recovered.every((job) => job.routing?.attempts === 1)).toBe(true);
    expect(primary.stats().creates).toBe(5);
    expect(secondary.stats().creates).toBe(5);
  });
});
