/**
 * P2 API throughput: accepted `POST /v1/video/generations` per second on ONE api process
 * (the built bundle, started with `pnpm start:api` as the README does), next to raw BullMQ
 * `Queue.add` per second on the same Redis, in one run. No worker runs, so jobs only queue;
 * S3 (s3rver) is started for an honest environment but a POST never contacts it.
 * Loopback only; Redis logical db 15 is flushed before and after.
 *
 * Run: pnpm build && pnpm bench:p2
 *   BENCH_REQUESTS   requests measured (default 5000), after BENCH_WARMUP (default 500)
 *   BENCH_CONCURRENCY client requests in flight (default 32), keep-alive connections
 *   BENCH_LOG_LEVEL  the api's LOG_LEVEL (default warn: no line per request)
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queueCatalog, videoQueueName } from '@reelay/jobs';
import { REPO_ROOT, freePort, startScript, waitForHttp, type StartedProcess } from '../support/processes';
import { postVideoGeneration } from '../support/post-video';
import { demoFakeEnv, reelayEnv } from '../support/reelay-env';
import { startS3Server, type RunningS3Server } from '../support/s3-server';

// Not 13: test/integration/provider-rate-limit.test.ts flushes db 13 whenever it runs.
const REDIS_DB = 15;
const MASTER_KEY = 'sk-reelay-bench-master-key';

interface Settings {
  requests: number;
  warmup: number;
  concurrency: number;
  logLevel: string;
  redisUrl: string;
}

function settings(): Settings {
  const base = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  base.pathname = `/${REDIS_DB}`;
  return {
    requests: positiveInt('BENCH_REQUESTS', 5000),
    warmup: positiveInt('BENCH_WARMUP', 500),
    concurrency: positiveInt('BENCH_CONCURRENCY', 32),
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
    redisUrl: base.toString(),
  };
}

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return value;
}

interface Run {
  seconds: number;
  latenciesMs: number[];
  statuses: Map<number, number>;
}

/** Runs `total` calls of `call` with `concurrency` in flight, timing each. */
async function drive(total: number, concurrency: number, call: (index: number) => Promise<number>): Promise<Run> {
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = process.hrtime.bigint();
  const lane = async () => {
    while (next < total) {
      const index = next++;
      const t0 = process.hrtime.bigint();
      const status = await call(index).catch(() => -1);
      latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesMs, statuses };
}

async function postVideo(agent: Agent, port: number, body: string): Promise<number> {
  return (await postVideoGeneration(agent, port, MASTER_KEY, body, { readBody: false })).status;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

async function redisVersion(redis: Redis): Promise<string> {
  return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
}

function apiEnv(port: number, s3: RunningS3Server, set: Settings): Record<string, string> {
  // No worker runs: no upstream is ever called.
  return {
    ...reelayEnv({ configPath: 'infra/config/demo.yaml', redisUrl: set.redisUrl, port, masterKey: MASTER_KEY, s3, logLevel: set.logLevel }),
    ...demoFakeEnv('sk-fake-bench-key', {}),
  };
}

/** Raw BullMQ adds of the same payload and options the api uses, on the same Redis. */
async function queueAdds(redis: Redis, total: number, concurrency: number): Promise<Run> {
  const queue = new Queue(`bench-raw-${randomBytes(4).toString('hex')}`, { connection: redis });
  try {
    await queue.waitUntilReady();
    return await drive(total, concurrency, async () => {
      const jobId = `video_${randomBytes(12).toString('hex')}`;
      await queue.add('video', { jobId }, { ...queueCatalog.video.options, jobId });
      return 0;
    });
  } finally {
    await queue.close();
  }
}

async function main() {
  const apiBundle = join(REPO_ROOT, 'apps/api/dist/main.js');
  if (!existsSync(apiBundle)) {
    process.stderr.write(`P2: ${apiBundle} is missing. Run \`pnpm build\` first; the benchmark measures the built bundle.\n`);
    process.exit(1);
  }
  const set = settings();
  const redis = new Redis(set.redisUrl, { maxRetriesPerRequest: null });
  await redis.flushdb();
  const s3 = await startS3Server('reelay-bench');
  let api: StartedProcess | undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: set.concurrency });
  try {
    const port = await freePort();
    api = startScript('start:api', apiEnv(port, s3, set));
    await waitForHttp(`http://127.0.0.1:${port}/health/readiness`, api);

    const body = JSON.stringify({ model: 'sora-2', prompt: 'a lighthouse at dawn, slow dolly shot', seconds: 4, size: '1280x720' });
    await drive(set.warmup, set.concurrency, () => postVideo(agent, port, body));
    const http = await drive(set.requests, set.concurrency, () => postVideo(agent, port, body));
    const accepted = http.statuses.get(202) ?? 0;
    const videoQueue = new Queue(videoQueueName('openai'), { connection: redis });
    const queued = await videoQueue.count();
    await videoQueue.close();

    const sequential = await queueAdds(redis, set.requests, 1);
    const parallel = await queueAdds(redis, set.requests, set.concurrency);

    const others = [...http.statuses].filter(([status]) => status !== 202);
    const lines = [
      'P2 api throughput — POST /v1/video/generations on one api process vs raw BullMQ Queue.add',
      `conditions: ${set.requests} requests (+${set.warmup} warm-up) at concurrency ${set.concurrency}, keep-alive node:http client; ` +
        `1 api process (pnpm start:api, built bundle, LOG_LEVEL=${set.logLevel}); no worker; config infra/config/demo.yaml, model sora-2; ` +
        `nproc ${availableParallelism()} (load average ${loadavg()[0]!.toFixed(2)} at the end), node ${process.version}, redis ${await redisVersion(redis)} (${set.redisUrl.replace(/\/\/[^@]*@/, '//***@')}), loopback`,
      `api:        ${(accepted / http.seconds).toFixed(0)} accepted/s (${accepted} × 202 in ${http.seconds.toFixed(2)} s), ` +
        `latency p50 ${percentile(http.latenciesMs, 0.5).toFixed(1)} ms, p99 ${percentile(http.latenciesMs, 0.99).toFixed(1)} ms, ` +
        `non-202: ${others.length === 0 ? 0 : others.map(([status, n]) => `${n} × ${status === -1 ? 'error' : status}`).join(', ')}`,
      `            jobs in queue video-openai after the run: ${queued} (expected ${set.requests + set.warmup})`,
      `Queue.add:  ${(set.requests / sequential.seconds).toFixed(0)}/s sequential (p50 ${percentile(sequential.latenciesMs, 0.5).toFixed(2)} ms), ` +
        `${(set.requests / parallel.seconds).toFixed(0)}/s at concurrency ${set.concurrency} (p50 ${percentile(parallel.latenciesMs, 0.5).toFixed(2)} ms, p99 ${percentile(parallel.latenciesMs, 0.99).toFixed(2)} ms)`,
      `ratio:      the api accepts ${((accepted / http.seconds / (set.requests / parallel.seconds)) * 100).toFixed(0)} % of raw Queue.add/s at the same concurrency ` +
        '(each POST also validates, writes the job record + owner index and answers JSON)',
    ];
    console.log(lines.join('\n'));
    if (accepted !== set.requests || queued !== set.requests + set.warmup) process.exitCode = 1;
  } finally {
    agent.destroy();
    await api?.stop();
    await redis.flushdb();
    redis.disconnect();
    await s3.stop();
  }
}

await main();
