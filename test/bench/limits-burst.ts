/**
 * P6 (issue 4): three worker processes, one provider that enforces `rpm` and an in-flight
 * cap and counts every violation, a deployment with the same limits, and a burst of
 * submissions twice as fast as the rpm allows for BENCH_SECONDS. Figures: violations seen
 * by the provider (goal 0) and the share of the allowed rate used, i.e. creates inside the
 * burst window / (rpm × minutes) (goal ≥ 90 %).
 * P7 (same harness, run first, no limits): the weight split of a 3:1 group and the share
 * of an order-1 / order-2 group that went to order 1, over BENCH_P7_JOBS jobs each.
 *
 * Needs Redis on 127.0.0.1:6379 (REDIS_URL overrides) and the built bundles: run `pnpm build`
 * first. It flushes logical db BENCH_REDIS_DB (default 10, which only the short
 * test/e2e/limits-lease-recovery.test.ts shares: do not run the two at once) before and after.
 * Starts its own s3rver, fakes, api and workers, and stops them all at the end.
 *
 * Run: pnpm build && pnpm bench:p6
 * Options: BENCH_SECONDS=120 BENCH_RPM=30 BENCH_IN_FLIGHT=3 BENCH_WORKERS=3
 *          BENCH_SUBMIT_FACTOR=2 BENCH_DRAIN_SECONDS=60 BENCH_P7_JOBS=200 BENCH_REDIS_DB=10
 */
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadRegistryFromFile, pickDeployment } from '@reelay/registry';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { CLUSTER_FAKE_KEY, countByDeployment, maxCreatesPerMinute, startLimitsCluster, summarize, type LimitsCluster } from '../support/limits-cluster';
import { limitsConfigYaml, writeTempConfig } from '../support/limits-config';
import { REPO_ROOT } from '../support/processes';
import { startS3Server, type RunningS3Server } from '../support/s3-server';
import { envSetting } from '../support/env-setting';

const setting = envSetting;
const BURST_SECONDS = setting('BENCH_SECONDS', 120);
const RPM = setting('BENCH_RPM', 30);
const IN_FLIGHT = setting('BENCH_IN_FLIGHT', 3);
const WORKERS = setting('BENCH_WORKERS', 3);
const SUBMIT_FACTOR = setting('BENCH_SUBMIT_FACTOR', 2);
const DRAIN_SECONDS = setting('BENCH_DRAIN_SECONDS', 60);
const P7_JOBS = setting('BENCH_P7_JOBS', 200);
// Every db 1-15 belongs to some test file or bench; 10 is the shortest e2e file's (see above).
const REDIS_DB = setting('BENCH_REDIS_DB', 10);
const REDIS_BASE = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const JOB_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((part / whole) * 100).toFixed(1)} %`);

function checkBuilt(): void {
  const missing = ['apps/api/dist/main.js', 'apps/worker/dist/main.js'].filter((file) => !existsSync(join(REPO_ROOT, file)));
  if (missing.length > 0) {
    console.error(`P6 needs the built bundles, missing: ${missing.join(', ')}. Run \`pnpm build\` first (this bench builds nothing).`);
    process.exit(1);
  }
}

async function freshRedisDb(): Promise<string> {
  const url = new URL(REDIS_BASE);
  url.pathname = `/${REDIS_DB}`;
  const redis = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  let cause: string | undefined;
  redis.on('error', (error: Error) => (cause ??= error.message));
  try {
    await redis.connect();
    await redis.flushdb();
  } catch (error) {
    console.error(`P6 needs Redis at ${REDIS_BASE} (${cause ?? (error as Error).message}). Start it: redis-server --daemonize yes`);
    process.exit(1);
  } finally {
    redis.disconnect();
  }
  return url.toString();
}

/** P7 on the real processes: where N jobs of each group actually ran. */
async function runP7(cluster: LimitsCluster, fakes: Record<string, FakeOpenAIVideos>) {
  const submitAll = (group: string) => Promise.all(Array.from({ length: P7_JOBS }, (_, i) => cluster.submit(group, `${group} ${i}`)));
  const ids = [...(await submitAll('p7-weighted')), ...(await submitAll('p7-ordered'))];
  const jobs = await cluster.waitForTerminal(ids, 180_000);
  const byDeployment = countByDeployment(jobs);
  const heavy = fakes.heavy!.stats().creates;
  const light = fakes.light!.stats().creates;
  const primary = fakes.primary!.stats().creates;
  const secondary = fakes.secondary!.stats().creates;
  const sd = Math.sqrt(0.75 * 0.25 / P7_JOBS) * 100;
  console.log(`\nP7 (end to end, ${WORKERS} workers, ${P7_JOBS} jobs per group, no limits)`);
  console.log(`  weights 3:1    heavy ${heavy} / light ${light} = ${percent(heavy, heavy + light)} on the weight-3 deployment (expected 75.0 %, binomial sd ${sd.toFixed(1)} points)`);
  console.log(`  order 1 vs 2   order 1 ${primary} / order 2 ${secondary} = ${percent(primary, primary + secondary)} on order 1 (expected 100 %)`);
  console.log(`  jobs           ${summarize(jobs, ids.length)}; by routing.deployment_id ${JSON.stringify(byDeployment)}`);
}

/** P7 on the pure router: the same config's 3:1 group, 10,000 picks with a seeded random source. */
function runP7Pure(configPath: string) {
  const registry = loadRegistryFromFile(configPath, process.env);
  const deployments = registry.deploymentsFor('p7-weighted') ?? [];
  let seed = 42;
  const random = () => {
    // mulberry32: repeatable across runs
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const counts: Record<string, number> = {};
  for (let i = 0; i < 10_000; i++) {
    const id = pickDeployment(deployments, { random }).deployment?.id ?? '(none)';
    counts[id] = (counts[id] ?? 0) + 1;
  }
  console.log(`  pure router    10,000 seeded picks: ${percent(counts['p7-heavy'] ?? 0, 10_000)} on the weight-3 deployment (goal 75 % ± 2)`);
}

/** P6: submit SUBMIT_FACTOR × RPM jobs a minute for BURST_SECONDS, then let it drain a while. */
async function runP6(cluster: LimitsCluster, fake: FakeOpenAIVideos) {
  const intervalMs = 60_000 / (RPM * SUBMIT_FACTOR);
  const maxJobs = Math.ceil((BURST_SECONDS * 1000) / intervalMs);
  const submissions: Promise<string>[] = [];
  const burstStart = Date.now();
  const burstEnd = burstStart + BURST_SECONDS * 1000;
  for (let n = 0; n < maxJobs && Date.now() < burstEnd; n++) {
    submissions.push(cluster.submit('p6-burst', `burst ${n}`));
    const next = burstStart + (n + 1) * intervalMs;
    await sleep(Math.max(0, next - Date.now()));
  }
  const ids = await Promise.all(submissions);
  const submitEnd = Date.now();
  const atBurstEnd = fake.stats();
  console.log(`  burst          ${ids.length} jobs submitted in ${((submitEnd - burstStart) / 1000).toFixed(1)} s (${(SUBMIT_FACTOR * RPM).toFixed(0)}/min); waiting up to ${DRAIN_SECONDS} s for the backlog`);

  let jobs = await Promise.all(ids.map((id) => cluster.job(id)));
  const drainDeadline = Date.now() + DRAIN_SECONDS * 1000;
  while (Date.now() < drainDeadline && jobs.some((job) => !['completed', 'failed', 'cancelled'].includes(job.status))) {
    await sleep(2000);
    jobs = await Promise.all(ids.map((id) => cluster.job(id)));
  }
  const stats = fake.stats();
  const inWindow = stats.createTimes.filter((at) => at >= burstStart && at <= burstEnd).length;
  const allowed = RPM * (BURST_SECONDS / 60);
  const violations = stats.violations.rpm + stats.violations.inFlight;
  const failed = jobs.filter((job) => job.status === 'failed');

  console.log(`\nP6 results`);
  console.log(`  violations     ${violations} (rpm ${stats.violations.rpm}, in-flight ${stats.violations.inFlight}) seen by the provider   goal 0: ${violations === 0 ? 'met' : 'NOT met'}`);
  console.log(`  creates        ${stats.creates} accepted in total; ${inWindow} inside the ${BURST_SECONDS} s burst window (${atBurstEnd.creates} by its end)`);
  console.log(`  rate used      ${inWindow} / (${RPM} rpm × ${(BURST_SECONDS / 60).toFixed(2)} min = ${allowed}) = ${percent(inWindow, allowed)}   goal ≥ 90 %: ${inWindow / allowed >= 0.9 ? 'met' : 'NOT met'}`);
  console.log(`  busiest 60 s   ${maxCreatesPerMinute(stats.createTimes)} creates (limit ${RPM})`);
  console.log(`  jobs           ${summarize(jobs, ids.length)} after the drain${failed.length ? `; first failure: ${JSON.stringify(failed[0]!.error)}` : ''}`);
  console.log(`  other 429s     ${stats.rateLimited} (scripted), 5xx ${stats.serverErrors}`);
  return { violations, share: inWindow / allowed };
}

async function main() {
  checkBuilt();
  const redisUrl = await freshRedisDb();
  let s3: RunningS3Server | undefined;
  let cluster: LimitsCluster | undefined;
  const fakes: Record<string, FakeOpenAIVideos> = {};
  try {
    s3 = await startS3Server('reelay-bench');
    fakes.burst = await startFakeOpenAIVideos({ apiKey: CLUSTER_FAKE_KEY, completeAfterMs: JOB_MS, rpmLimit: RPM, maxInFlight: IN_FLIGHT });
    for (const name of ['heavy', 'light', 'primary', 'secondary']) fakes[name] = await startFakeOpenAIVideos({ apiKey: CLUSTER_FAKE_KEY, completeAfterMs: 500 });
    const at = (name: string) => ({ id: `p7-${name}`, apiBase: fakes[name]!.baseUrl, apiKey: CLUSTER_FAKE_KEY });
    const configPath = writeTempConfig(
      limitsConfigYaml([
        { group: 'p6-burst', id: 'p6-burst', apiBase: fakes.burst.baseUrl, apiKey: CLUSTER_FAKE_KEY, rpm: RPM, maxParallelRequests: IN_FLIGHT },
        { group: 'p7-weighted', ...at('heavy'), weight: 3 },
        { group: 'p7-weighted', ...at('light'), weight: 1 },
        { group: 'p7-ordered', ...at('secondary'), order: 2 },
        { group: 'p7-ordered', ...at('primary'), order: 1 },
      ]),
    );

    console.log('P6 / P7: limits and routing across worker processes (pnpm bench:p6)');
    console.log(`  machine        ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
    console.log(`  conditions     ${WORKERS} worker processes + 1 api, Redis ${REDIS_BASE} db ${REDIS_DB}, s3rver; provider rpm ${RPM}, in-flight cap ${IN_FLIGHT}, jobs take ${JOB_MS} ms upstream, polling 0.25-1 s`);
    console.log(`                 deployment rpm ${RPM}, max_parallel_requests ${IN_FLIGHT}; burst ${BURST_SECONDS} s at ${SUBMIT_FACTOR}× the rpm, drain ≤ ${DRAIN_SECONDS} s`);
    cluster = await startLimitsCluster({ redisUrl, s3, configPath, workers: WORKERS });

    await runP7(cluster, fakes);
    runP7Pure(configPath);
    console.log(`\nP6 (running ${BURST_SECONDS} s burst...)`);
    const p6 = await runP6(cluster, fakes.burst);
    process.exitCode = p6.violations === 0 ? 0 : 1;
  } finally {
    await cluster?.stop();
    await Promise.all(Object.values(fakes).map((fake) => fake.close()));
    await s3?.stop();
    await freshRedisDb(); // leave nothing of the bench behind
  }
}

main().catch((error: unknown) => {
  console.error('P6 failed:', error);
  process.exit(1);
});
