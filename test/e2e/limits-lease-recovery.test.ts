import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { CLUSTER_FAKE_KEY, startLimitsCluster, type LimitsCluster } from '../support/limits-cluster';
import { limitsConfigYaml, writeTempConfig } from '../support/limits-config';
import { waitFor } from '../support/processes';
import { freshRedisUrl } from '../support/redis';

/**
 * Issue 4: a worker SIGKILLed while its jobs hold in-flight leases. The jobs are not lost
 * (a replacement worker finishes them, each with its one create) and the deployment's
 * slots come back. REELAY_LEASE_SECONDS is short so that a lease whose job were gone would
 * also come back within the test.
 */
const MAX_PARALLEL = 2;
const JOB_MS = 6000;

let fake: FakeOpenAIVideos;
let cluster: LimitsCluster;

beforeAll(async () => {
  fake = await startFakeOpenAIVideos({ apiKey: CLUSTER_FAKE_KEY, completeAfterMs: JOB_MS });
  const configPath = writeTempConfig(
    limitsConfigYaml([{ group: 'sora-lease', id: 'sora-lease-1', apiBase: fake.baseUrl, apiKey: CLUSTER_FAKE_KEY, maxParallelRequests: MAX_PARALLEL }]),
  );
  cluster = await startLimitsCluster({
    redisUrl: await freshRedisUrl(10),
    s3: inject('s3'),
    configPath,
    workers: 1,
    extraEnv: { REELAY_LEASE_SECONDS: '5' },
  });
});
afterAll(async () => {
  await cluster?.stop();
  await fake?.close();
});

async function inFlight(): Promise<number> {
  const [entry] = await cluster.modelInfo('sora-lease');
  return entry?.model_info.usage.in_flight ?? Number.NaN;
}

/** Most upstream tasks running at once at the fake (every task lasts JOB_MS). */
function peakConcurrency(createTimes: number[]): number {
  return Math.max(0, ...createTimes.map((start) => createTimes.filter((other) => other <= start && start < other + JOB_MS).length));
}

describe('a worker killed while holding in-flight leases', () => {
  it('a replacement worker completes every job with one create each, and the slots come back', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map((n) => cluster.submit('sora-lease', `slow job ${n}`)));

    // Two jobs run upstream (the cap), two wait for a slot.
    const running = await waitFor(
      async () => {
        const jobs = await Promise.all(ids.map((id) => cluster.job(id)));
        const submitted = jobs.filter((job) => job.routing?.upstream_id);
        return submitted.length >= MAX_PARALLEL ? submitted : undefined;
      },
      { timeoutMs: 30_000, describe: () => `no two jobs reached the provider\n${cluster.describeOutput()}` },
    );
    expect(running).toHaveLength(MAX_PARALLEL);
    expect(fake.stats().creates).toBe(MAX_PARALLEL);
    expect(await inFlight()).toBe(MAX_PARALLEL);

    // Killed mid-poll: no chance to release anything.
    await cluster.workers[0]!.stop('SIGKILL');
    const killedAt = Date.now();
    cluster.startWorker();

    const jobs = await cluster.waitForTerminal(ids, 120_000);
    const recoveredAfterS = (Date.now() - killedAt) / 1000;
    expect(jobs.map((job) => `${job.id}: ${job.status} ${JSON.stringify(job.error)}`).filter((line) => !line.includes(': completed '))).toEqual([]);
    // Not one job lost, not one paid twice.
    expect(fake.stats().creates).toBe(ids.length);
    expect(new Set(jobs.map((job) => job.routing?.upstream_id)).size).toBe(ids.length);
    for (const job of running) {
      expect(jobs.find((done) => done.id === job.id)?.routing?.upstream_id).toBe(job.routing?.upstream_id);
    }

    // Every slot is free again once the jobs are done...
    await waitFor(async () => ((await inFlight()) === 0 ? true : undefined), {
      timeoutMs: 15_000,
      describe: () => `in-flight never returned to 0\n${cluster.describeOutput()}`,
    });
    // ...and new jobs get them.
    const more = await Promise.all([5, 6].map((n) => cluster.submit('sora-lease', `job ${n} after the crash`)));
    const moreDone = await cluster.waitForTerminal(more, 60_000);
    expect(moreDone.every((job) => job.status === 'completed')).toBe(true);
    expect(fake.stats().creates).toBe(ids.length + more.length);
    console.info(
      `limits-lease-recovery: all ${ids.length} jobs done ${recoveredAfterS.toFixed(1)} s after the kill; peak tasks at the provider ${peakConcurrency(fake.stats().createTimes)} (cap ${MAX_PARALLEL})`,
    );
  });
});
