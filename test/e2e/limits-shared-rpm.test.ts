import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { CLUSTER_FAKE_KEY, maxCreatesPerMinute, startLimitsCluster, type LimitsCluster } from '../support/limits-cluster';
import { limitsConfigYaml, writeTempConfig } from '../support/limits-config';
import { freshRedisUrl } from '../support/redis';

/**
 * Issue 4: three worker processes share one provider that punishes every violation.
 * The deployment says `rpm: 30, max_parallel_requests: 3` and the fake enforces exactly
 * that; 60 jobs need two rpm windows, so this runs for a little over a minute.
 */
const RPM = 30;
const IN_FLIGHT = 3;
const JOBS = 60;

let fake: FakeOpenAIVideos;
let cluster: LimitsCluster;

beforeAll(async () => {
  fake = await startFakeOpenAIVideos({ apiKey: CLUSTER_FAKE_KEY, completeAfterMs: 1000, rpmLimit: RPM, maxInFlight: IN_FLIGHT });
  const configPath = writeTempConfig(
    limitsConfigYaml([{ group: 'sora-limited', id: 'sora-limited-1', apiBase: fake.baseUrl, apiKey: CLUSTER_FAKE_KEY, rpm: RPM, maxParallelRequests: IN_FLIGHT }]),
  );
  cluster = await startLimitsCluster({ redisUrl: await freshRedisUrl(7), s3: inject('s3'), configPath, workers: 3 });
});
afterAll(async () => {
  await cluster?.stop();
  await fake?.close();
});

describe('rpm and in-flight limits shared by three worker processes', () => {
  it(`${JOBS} jobs for an rpm ${RPM} / max_parallel_requests ${IN_FLIGHT} deployment all complete with 0 violations at the provider`, { timeout: 200_000 }, async () => {
    const startedAt = Date.now();
    const ids = await Promise.all(Array.from({ length: JOBS }, (_, index) => cluster.submit('sora-limited', `burst job ${index}`)));
    const jobs = await cluster.waitForTerminal(ids, 170_000);
    const elapsedS = (Date.now() - startedAt) / 1000;
    const stats = fake.stats();

    const notCompleted = jobs.filter((job) => job.status !== 'completed');
    expect(notCompleted.map((job) => `${job.id}: ${job.status} ${JSON.stringify(job.error)}`)).toEqual([]);
    expect(stats.violations).toEqual({ rpm: 0, inFlight: 0 });
    // Exactly one paid create per job: no job was created twice by two workers.
    expect(stats.creates).toBe(JOBS);
    expect(stats.createTimes).toHaveLength(JOBS);
    expect(new Set(jobs.map((job) => job.routing?.upstream_id)).size).toBe(JOBS);
    expect(maxCreatesPerMinute(stats.createTimes)).toBeLessThanOrEqual(RPM);
    // Jobs waited for capacity instead of being refused: one create attempt each, all on the one deployment.
    expect(jobs.filter((job) => job.routing?.deployment_id !== 'sora-limited-1' || job.routing.attempts !== 1).map((job) => JSON.stringify(job.routing))).toEqual([]);

    // The slots all came back once the jobs were done.
    const [info] = await cluster.modelInfo('sora-limited');
    expect(info?.model_info.usage.in_flight).toBe(0);
    console.info(`limits-shared-rpm: ${JOBS} jobs in ${elapsedS.toFixed(1)} s; creates in the busiest minute ${maxCreatesPerMinute(stats.createTimes)}/${RPM}; violations ${JSON.stringify(stats.violations)}`);
  });
});
