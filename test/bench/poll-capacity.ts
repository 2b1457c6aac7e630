/**
 * P3 poll capacity: ONE worker process (the built bundle, `pnpm start:worker`) polling
 * BENCH_TASKS in-flight upstream tasks every 5 s on the fake OpenAI Videos upstream, whose
 * tasks never finish within the run. Measures the worker's RSS and CPU share of one core
 * from /proc, and the status calls per second the fake sees. Goal (issue 4): ≤ 300 MB, ≤ 30 %.
 *
 * The jobs are created through the api (POST /v1/video/generations, 32 in flight); the api is
 * stopped once they are all accepted, so only the worker, Redis and the fake run while measuring.
 * Loopback only; Redis logical db 14 is flushed before and after.
 *
 * Run: pnpm build && pnpm bench:p3
 *   BENCH_TASKS (default 10000), BENCH_SECONDS measuring window (default 60),
 *   BENCH_WARMUP_SECONDS after all tasks are in progress (default 10),
 *   WORKER_POLL_CONCURRENCY passed to the worker (its default: 100).
 */
import { execFileSync } from 'node:child_process';

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { PollSet, videoQueueName } from '@reelay/jobs';
import { startFakeOpenAIVideos } from '../fakes/openai-videos/index';
import { REPO_ROOT, freePort, startScript, waitForHttp, type StartedProcess } from '../support/processes';
import { postVideoGeneration } from '../support/post-video';
import { reelayEnv } from '../support/reelay-env';
import { startS3Server } from '../support/s3-server';

// Not 12: test/integration/limits.test.ts flushes db 12 whenever it runs.
const REDIS_DB = 14;
const MASTER_KEY = 'sk-reelay-bench-master-key';
const FAKE_KEY = 'sk-fake-bench-upstream-key';
const POLL_SECONDS = 5;
const CREATE_CONCURRENCY = 32;
const GOAL_RSS_MB = 300;
const GOAL_CPU_PERCENT = 30;

const positiveInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return value;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function benchConfig(fakeBaseUrl: string): string {
  return `model_list:
  - model_name: sora-2
    litellm_params:
      model: openai/sora-2
      api_base: ${fakeBaseUrl}
      api_key: os.environ/FAKE_API_KEY
      poll_initial_seconds: ${POLL_SECONDS}
      poll_min_seconds: ${POLL_SECONDS}
      poll_max_seconds: ${POLL_SECONDS}
      poll_elapsed_fraction: 0
      job_timeout_seconds: 86400
    model_info:
      id: sora-2-bench
`;
}

async function createJob(agent: Agent, port: number, body: string): Promise<string> {
  const { status, text } = await postVideoGeneration(agent, port, MASTER_KEY, body, { readBody: true });
  if (status !== 202) throw new Error(`POST answered ${status}: ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

async function createJobs(port: number, total: number): Promise<string[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CREATE_CONCURRENCY });
  const ids: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < total) {
      next++;
      ids.push(await createJob(agent, port, JSON.stringify({ model: 'sora-2', prompt: `bench task ${next}`, seconds: 4 })));
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, lane));
  agent.destroy();
  return ids;
}

async function statusCounts(redis: Redis, ids: string[]): Promise<Map<string, number>> {
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(`reelay:job:${id}`, 'status');
  const counts = new Map<string, number>();
  for (const [, value] of (await pipeline.exec()) ?? []) {
    const status = typeof value === 'string' ? (JSON.parse(value) as string) : 'missing';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return counts;
}

/** The node process that runs the bundle: pnpm (and maybe sh) sit between it and our child. */
function nodePidUnder(rootPid: number, script: string): number {
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (/(^|\/)node$/.test(cmdline[0] ?? '') && cmdline.some((arg) => arg.endsWith(script))) return pid;
    let children = '';
    try {
      children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
    } catch {
      // pgrep exits 1 when there are none
    }
    queue.push(...children.split('\n').filter(Boolean).map(Number));
  }
  throw new Error(`no node process running ${script} under pid ${rootPid}`);
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) and RSS in MB of a process, from /proc. */
function sampleProcess(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime
  const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return { cpuSeconds, rssMb: rssKb / 1024 };
}

function redisInfoField(info: string, field: string): string {
  return new RegExp(`^${field}:(\\S+)`, 'm').exec(info)?.[1] ?? 'unknown';
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  return Number(redisInfoField(info, 'used_cpu_user')) + Number(redisInfoField(info, 'used_cpu_sys'));
}

async function main() {
  for (const bundle of ['apps/api/dist/main.js', 'apps/worker/dist/main.js']) {
    if (!existsSync(join(REPO_ROOT, bundle))) {
      process.stderr.write(`P3: ${bundle} is missing. Run \`pnpm build\` first; the benchmark measures the built bundles.\n`);
      process.exit(1);
    }
  }
  const tasks = positiveInt('BENCH_TASKS', 10_000);
  const windowSeconds = positiveInt('BENCH_SECONDS', 60);
  const warmupSeconds = positiveInt('BENCH_WARMUP_SECONDS', 10);
  const base = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  base.pathname = `/${REDIS_DB}`;
  const redisUrl = base.toString();

  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  await redis.flushdb();
  const s3 = await startS3Server('reelay-bench');
  // A week to finish: every task stays in progress for the whole run.
  const fake = await startFakeOpenAIVideos({ apiKey: FAKE_KEY, completeAfterMs: 7 * 24 * 3600_000 });
  const configDir = mkdtempSync(join(tmpdir(), 'reelay-p3-'));
  const configPath = join(configDir, 'config.yaml');
  writeFileSync(configPath, benchConfig(fake.baseUrl));
  const port = await freePort();
  const env: Record<string, string> = {
    ...reelayEnv({ configPath, redisUrl, port, masterKey: MASTER_KEY, s3 }),
    FAKE_API_KEY: FAKE_KEY,
    ...(process.env.WORKER_POLL_CONCURRENCY ? { WORKER_POLL_CONCURRENCY: process.env.WORKER_POLL_CONCURRENCY } : {}),
  };
  let api: StartedProcess | undefined;
  let worker: StartedProcess | undefined;
  const polls = new PollSet(redis, { prefix: env.REELAY_REDIS_PREFIX ?? 'reelay' });
  const lane = videoQueueName('openai');
  try {
    api = startScript('start:api', env);
    await waitForHttp(`http://127.0.0.1:${port}/health/readiness`, api);
    worker = startScript('start:worker', env);
    const workerPid = await waitForPid(worker);

    const createStarted = Date.now();
    const ids = await createJobs(port, tasks);
    const createSeconds = (Date.now() - createStarted) / 1000;
    await api.stop();
    api = undefined;

    // Every task created upstream and its job in_progress (a bound: 2 min + 20 ms per task).
    const deadline = Date.now() + 120_000 + tasks * 20;
    let counts = await statusCounts(redis, ids);
    while ((counts.get('in_progress') ?? 0) < tasks && Date.now() < deadline) {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.output()}`);
      await sleep(2000);
      counts = await statusCounts(redis, ids);
    }
    const allInProgressSeconds = (Date.now() - createStarted) / 1000;
    const inProgressAtStart = counts.get('in_progress') ?? 0;
    await sleep(warmupSeconds * 1000);

    // The window: one sample a second.
    const first = sampleProcess(workerPid);
    const firstRetrieves = fake.stats().retrieves;
    const firstRedisCpu = await redisCpuSeconds(redis);
    const firstSelfCpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    let maxRss = first.rssMb;
    let last = first;
    const backlog: number[] = [];
    for (let second = 1; second <= windowSeconds; second++) {
      await sleep(1000);
      last = sampleProcess(workerPid);
      maxRss = Math.max(maxRss, last.rssMb);
      backlog.push(await polls.dueCount(lane, Date.now() - 1_000)); // status calls more than 1 s overdue
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const retrieves = fake.stats().retrieves - firstRetrieves;
    const cpuPercent = ((last.cpuSeconds - first.cpuSeconds) / seconds) * 100;
    const redisCpuPercent = (((await redisCpuSeconds(redis)) - firstRedisCpu) / seconds) * 100;
    const selfCpu = process.cpuUsage(firstSelfCpu);
    const selfCpuPercent = ((selfCpu.user + selfCpu.system) / 1e6 / seconds) * 100;
    const endCounts = await statusCounts(redis, ids);
    const memory = await redis.info('memory');
    const server = await redis.info('server');
    const keys = await redis.dbsize();

    const expectedRate = inProgressAtStart / POLL_SECONDS;
    const statusLine = [...endCounts].map(([status, n]) => `${n} ${status}`).join(', ');
    const lines = [
      `P3 poll capacity — one worker process polling in-flight upstream tasks every ${POLL_SECONDS} s (fake OpenAI Videos, tasks never finish)`,
      `conditions: ${tasks} tasks created through the api (${CREATE_CONCURRENCY} in flight, ${createSeconds.toFixed(1)} s; api stopped after), ` +
        `1 worker (pnpm start:worker, built bundle, WORKER_POLL_CONCURRENCY=${env.WORKER_POLL_CONCURRENCY ?? '100 (default)'}, LOG_LEVEL=warn), ` +
        `poll_initial/min/max ${POLL_SECONDS} s, poll_elapsed_fraction 0, no limits in the config; ` +
        `${warmupSeconds} s warm-up then a ${seconds.toFixed(1)} s window sampled every 1 s from /proc/${workerPid}; ` +
        `nproc ${availableParallelism()} (load average ${loadavg()[0]!.toFixed(2)} at the end) shared by worker, Redis and this process (fake upstream), node ${process.version}, redis ${redisInfoField(server, 'redis_version')}, loopback`,
      `in flight:   ${inProgressAtStart}/${tasks} jobs in_progress ${allInProgressSeconds.toFixed(1)} s after the first create; at the end: ${statusLine}`,
      `status calls: ${(retrieves / seconds).toFixed(0)}/s seen by the fake (${retrieves} in the window; ${expectedRate.toFixed(0)}/s if every task is polled every ${POLL_SECONDS} s)`,
      `backlog:     status calls overdue by more than 1 s: mean ${(backlog.reduce((a, b) => a + b, 0) / backlog.length).toFixed(0)}, max ${Math.max(...backlog)}`,
      `worker RSS:  max ${maxRss.toFixed(0)} MB, at end ${last.rssMb.toFixed(0)} MB (goal ≤ ${GOAL_RSS_MB} MB: ${maxRss <= GOAL_RSS_MB ? 'met' : 'NOT met'})`,
      `worker CPU:  ${cpuPercent.toFixed(1)} % of one core (goal ≤ ${GOAL_CPU_PERCENT} %: ${cpuPercent <= GOAL_CPU_PERCENT ? 'met' : 'NOT met'})`,
      `neighbours:  redis ${redisCpuPercent.toFixed(1)} % of one core, this process (fake upstream + sampling) ${selfCpuPercent.toFixed(1)} %`,
      `redis:       used_memory_human ${redisInfoField(memory, 'used_memory_human')} (whole instance), ${keys} keys in db ${REDIS_DB}`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await Promise.all([api?.stop(), worker?.stop()]);
    await fake.close();
    await redis.flushdb();
    redis.disconnect();
    await s3.stop();
    rmSync(configDir, { recursive: true, force: true });
  }
}

/** The worker's node pid, once it is running (pnpm starts it a moment later). */
async function waitForPid(proc: StartedProcess): Promise<number> {
  for (let i = 0; i < 100; i++) {
    if (proc.child.exitCode !== null) throw new Error(`the worker exited:\n${proc.output()}`);
    try {
      return nodePidUnder(proc.child.pid!, 'apps/worker/dist/main.js');
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`the worker's node process did not appear:\n${proc.output()}`);
}

await main();
