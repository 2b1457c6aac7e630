/**
 * P1 text overhead: what a gateway adds to a chat completion, measured in one run on this
 * machine against one fake upstream (the OpenAI chat fake, loopback): direct, reelay (the
 * built api bundle) and Portkey's open-source gateway (npm @portkey-ai/gateway, its own
 * start-server, bound to 127.0.0.1 by a preload).
 *
 * Figures, per target:
 * - paced: BENCH_RATE requests/s, open loop, BENCH_SECONDS per round, BENCH_ROUNDS rounds taking
 *   the targets in turn; latency from each request's
 *   scheduled start (so a stall counts against the gateway, not hidden by the client);
 * - max: closed loop at BENCH_CONNECTIONS connections, BENCH_REQUESTS requests: requests/s and
 *   the gateway process's CPU ms per request (/proc utime+stime);
 * - stream: BENCH_STREAMS streamed requests, BENCH_STREAM_CONCURRENCY (8) at a time: time to the first content chunk.
 *   Portkey 1.15.2 answers every streamed request 500 on Node 20 here ("TypeError: immutable"
 *   from its updateHeaders, in its own log), so its stream figures print n/a with the errors.
 * "added" = the target's percentile minus direct's.
 *
 * Run: pnpm build && pnpm bench:p1 (needs Redis on REDIS_URL, default 127.0.0.1:6379, db 15).
 * BENCH_REELAY_NODE_ARGS adds node flags to the api (`--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Pool } from 'undici';
import { startOpenAICompatibleChatFake } from '../fakes/chat/openai-compatible/index';
import { envSetting } from '../support/env-setting';
import { REPO_ROOT, freePort, waitFor } from '../support/processes';
import { reelayEnv } from '../support/reelay-env';
import { startS3Server } from '../support/s3-server';

const setting = (name: string, fallback: number) => envSetting(name, fallback, { integer: true });
const RATE = setting('BENCH_RATE', 500);
const SECONDS = setting('BENCH_SECONDS', 5);
/** Paced runs alternate between the targets this many times, so a slow moment of the machine does not land on one target. */
const ROUNDS = setting('BENCH_ROUNDS', 3);
const CONNECTIONS = setting('BENCH_CONNECTIONS', 32);
const REQUESTS = setting('BENCH_REQUESTS', 5000);
const STREAMS = setting('BENCH_STREAMS', 1000);
const STREAM_CONCURRENCY = setting('BENCH_STREAM_CONCURRENCY', 8);
const MASTER_KEY = 'sk-reelay-bench-text-key';
const FAKE_KEY = 'sk-fake-bench-text-key';
const CLOCK_TICK_MS = 10;

interface Target {
  name: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
  pid?: number;
}

const body = JSON.stringify({ model: 'bench-gpt', messages: [{ role: 'user', content: 'Say hello' }] });
const streamBody = JSON.stringify({ model: 'bench-gpt', stream: true, messages: [{ role: 'user', content: 'Count [long=20]' }] });

async function call(pool: Pool, target: Target, payload: string): Promise<number> {
  const response = await pool.request({ method: 'POST', path: target.path, headers: { 'content-type': 'application/json', ...target.headers }, body: payload });
  await response.body.text();
  return response.statusCode;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/** Open loop: request i starts at t0 + i / rate whatever the others do; latency counts from that time. */
async function pacedRound(target: Target): Promise<{ latencies: number[]; errors: number }> {
  const pool = new Pool(target.origin, { connections: 256, pipelining: 1 });
  const total = RATE * SECONDS;
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now() + 50;
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const scheduled = t0 + (index * 1000) / RATE;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Late: latency counts from the schedule (the wait is the gateway's). A timer that fired a little early: from the send.
    const from = Math.min(scheduled, performance.now());
    pending.push(
      call(pool, target, body).then(
        (status) => {
          if (status !== 200) errors += 1;
          latencies.push(performance.now() - from);
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  await pool.close();
  return { latencies, errors };
}

function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

/** Closed loop at CONNECTIONS in flight: throughput, and the gateway's CPU per request. */
async function max(target: Target): Promise<{ rps: number; cpuPerRequestMs: number; errors: number }> {
  const pool = new Pool(target.origin, { connections: CONNECTIONS });
  let next = 0;
  let errors = 0;
  const cpuBefore = cpuMs(target.pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < REQUESTS) {
        next += 1;
        if ((await call(pool, target, body).catch(() => -1)) !== 200) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMs(target.pid) - cpuBefore;
  await pool.close();
  return { rps: REQUESTS / seconds, cpuPerRequestMs: cpu / REQUESTS, errors };
}

/** Time to the first content chunk of a stream, STREAM_CONCURRENCY streams at a time. */
async function firstChunk(target: Target): Promise<{ p50: number; p99: number; errors: number }> {
  const pool = new Pool(target.origin, { connections: STREAM_CONCURRENCY });
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: STREAM_CONCURRENCY }, async () => {
      while (next < STREAMS) {
        next += 1;
        const started = performance.now();
        try {
          const response = await pool.request({ method: 'POST', path: target.path, headers: { 'content-type': 'application/json', ...target.headers }, body: streamBody });
          let seen = false;
          for await (const piece of response.body) {
            if (!seen && (piece as Buffer).includes('"content":"w1"')) {
              seen = true;
              times.push(performance.now() - started);
            }
          }
          if (!seen || response.statusCode !== 200) errors += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  await pool.close();
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), errors };
}

function startNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function ready(url: string, init: RequestInit = {}): Promise<void> {
  await waitFor(async () => ((await fetch(url, init).catch(() => undefined))?.status ? true : undefined), { timeoutMs: 20_000, intervalMs: 200, describe: () => `${url} never answered` });
}

async function main(): Promise<void> {
  const fake = await startOpenAICompatibleChatFake('openai', { apiKey: FAKE_KEY });
  const s3 = await startS3Server('reelay-bench-text');
  const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  redisUrl.pathname = '/15';
  const redis = new Redis(redisUrl.toString());
  await redis.flushdb();
  const configPath = join(mkdtempSync(join(tmpdir(), 'reelay-bench-')), 'config.yaml');
  writeFileSync(configPath, `model_list:\n  - model_name: bench-gpt\n    litellm_params: { model: openai/${fake.model}, api_base: ${fake.apiBase}, api_key: os.environ/BENCH_FAKE_KEY }\n`);
  const reelayPort = await freePort();
  // BENCH_REELAY_NODE_ARGS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) profiles the api under this load.
  const reelay = startNode([...(process.env.BENCH_REELAY_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'apps/api/dist/main.js'], { ...reelayEnv({ configPath, redisUrl: redisUrl.toString(), port: reelayPort, masterKey: MASTER_KEY, s3, logLevel: 'warn' }), BENCH_FAKE_KEY: FAKE_KEY });
  const portkeyPort = await freePort();
  const portkeyStart = join(REPO_ROOT, 'test/node_modules/@portkey-ai/gateway/build/start-server.js');
  const portkey = startNode(['--import', join(REPO_ROOT, 'test/bench/support/loopback-listen.mjs'), portkeyStart, `--port=${portkeyPort}`, '--headless'], { NODE_ENV: 'production' });
  try {
    await ready(`http://127.0.0.1:${reelayPort}/health/readiness`);
    await ready(`http://127.0.0.1:${portkeyPort}/`);
    const targets: Target[] = [
      { name: 'direct', origin: fake.origin, path: '/v1/chat/completions', headers: { authorization: `Bearer ${FAKE_KEY}` } },
      { name: 'reelay', origin: `http://127.0.0.1:${reelayPort}`, path: '/v1/chat/completions', headers: { authorization: `Bearer ${MASTER_KEY}` }, pid: reelay.pid },
      {
        name: 'portkey',
        origin: `http://127.0.0.1:${portkeyPort}`,
        path: '/v1/chat/completions',
        headers: { authorization: `Bearer ${FAKE_KEY}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': fake.apiBase },
        pid: portkey.pid,
      },
    ];
    for (const target of targets) {
      const status = await call(new Pool(target.origin), target, body);
      if (status !== 200) throw new Error(`${target.name} answered ${status} to the warm-up request`);
    }
    // Warm every path (JIT, connection pools) before measuring.
    for (const target of targets) await max({ ...target, pid: undefined });

    const pacedRuns = new Map<string, { latencies: number[]; errors: number }>(targets.map((t) => [t.name, { latencies: [], errors: 0 }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) {
        const run = await pacedRound(target);
        const all = pacedRuns.get(target.name)!;
        all.latencies.push(...run.latencies);
        all.errors += run.errors;
      }
    }
    const results: Record<string, Record<string, number>> = {};
    for (const target of targets) {
      const runs = pacedRuns.get(target.name)!;
      const p = { p50: percentile(runs.latencies, 0.5), p99: percentile(runs.latencies, 0.99), errors: runs.errors };
      const m = await max(target);
      const s = await firstChunk(target);
      results[target.name] = { paced_p50_ms: p.p50, paced_p99_ms: p.p99, paced_errors: p.errors, max_rps: m.rps, cpu_ms_per_request: m.cpuPerRequestMs, max_errors: m.errors, first_chunk_p50_ms: s.p50, first_chunk_p99_ms: s.p99, stream_errors: s.errors };
    }
    const direct = results.direct!;
    const added = (name: string, key: string) => results[name]![key]! - direct[key]!;
    const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
    console.log(`P1 text overhead: Node ${process.version}, ${availableParallelism()} cores, loopback, one fake upstream; paced ${RATE}/s for ${SECONDS} s x ${ROUNDS} rounds (alternating targets), max at ${CONNECTIONS} connections x ${REQUESTS}, ${STREAMS} streams of 20 chunks at ${STREAM_CONCURRENCY} at a time`);
    console.log('target    paced p50  paced p99  added p50  added p99   max req/s  cpu ms/req  first chunk p50  p99   added p50  added p99  errors');
    for (const name of ['direct', 'reelay', 'portkey']) {
      const r = results[name]!;
      console.log(
        `${name.padEnd(9)} ${fmt(r.paced_p50_ms!).padStart(9)} ${fmt(r.paced_p99_ms!).padStart(10)} ${fmt(added(name, 'paced_p50_ms')).padStart(10)} ${fmt(added(name, 'paced_p99_ms')).padStart(10)} ${fmt(r.max_rps!, 0).padStart(11)} ${fmt(r.cpu_ms_per_request!, 3).padStart(11)} ${fmt(r.first_chunk_p50_ms!).padStart(16)} ${fmt(r.first_chunk_p99_ms!).padStart(5)} ${fmt(added(name, 'first_chunk_p50_ms')).padStart(11)} ${fmt(added(name, 'first_chunk_p99_ms')).padStart(10)}  ${r.paced_errors! + r.max_errors! + r.stream_errors!}`,
      );
    }
    const ratio = (key: string) => added('reelay', key) / added('portkey', key);
    console.log(`reelay vs portkey: added p50 ${fmt(ratio('paced_p50_ms'))}x, added p99 ${fmt(ratio('paced_p99_ms'))}x of Portkey's (goal <= 0.33); max req/s ${fmt(results.reelay!.max_rps! / results.portkey!.max_rps!)}x (goal >= 2); added first chunk p50 ${fmt(ratio('first_chunk_p50_ms'))}x`);
  } finally {
    reelay.kill('SIGTERM');
    portkey.kill('SIGTERM');
    await fake.close();
    await s3.stop();
    await redis.flushdb();
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error('P1 failed:', error);
  process.exit(1);
});
