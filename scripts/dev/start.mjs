// The start-up sequence of `pnpm dev`: check the ports and Redis before anything runs, build
// when the bundles are stale, then start each process and wait until it answers.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLES, buildBundles, staleBundles } from './bundles.mjs';
import { shown } from './dev-error.mjs';
import { fakesEnv } from './fakes.mjs';
import { freePort, portAnswers, requireFreePorts } from './ports.mjs';
import { findOnPath, noRedisError, ownRedisUrl, pingRedis, redisServerArgs } from './redis.mjs';
import { gatewayEnv } from './settings.mjs';

const httpOk = (url) =>
  fetch(url, { signal: AbortSignal.timeout(2_000) })
    .then((response) => response.ok)
    .catch(() => false);

const readLog = (record) => {
  try {
    return readFileSync(record.logPath, 'utf8');
  } catch {
    return '';
  }
};

/** Starts everything; the details the banner shows, or undefined when dev began stopping meanwhile. */
export async function startEverything(root, settings, stack) {
  const { devDir, env } = settings;
  const status = (record, what) => console.log(`reelay dev: ${record.name.padEnd(6)} pid ${String(record.pid).padEnd(7)} ${what}  (log ${shown(record.logPath)})`);
  const fakes = settings.config.usesFakes ? fakesEnv(root, env) : undefined;

  await requireFreePorts([
    { port: settings.port, variable: 'PORT', what: 'the api' },
    ...(settings.workerHealthPort ? [{ port: settings.workerHealthPort, variable: 'WORKER_HEALTH_PORT', what: "the worker's health endpoint" }] : []),
    ...(fakes?.ports ?? []).map(({ port, variable }) => ({ port, variable, what: 'a fake provider' })),
  ]);
  const existing = await pingRedis(settings.redisUrl);
  const redisServer = existing.ok ? undefined : findOnPath('redis-server', env.PATH);
  if (!existing.ok && !redisServer) throw noRedisError(settings.redisUrl, existing.reason);

  if (existing.ok) console.log(`reelay dev: redis  ${settings.redisUrl} answers PING: using it (dev neither started it nor stops it)`);
  else console.log(`reelay dev: nothing answered PING at ${settings.redisUrl} (${existing.reason}); starting ${redisServer}`);

  const stale = staleBundles(root, fakes ? ['api', 'worker', 'fakes'] : ['api', 'worker']);
  if (stale) buildBundles(root, stale);

  let redisUrl = settings.redisUrl;
  if (!existing.ok) {
    const port = await freePort();
    const dir = join(devDir, 'redis');
    mkdirSync(dir, { recursive: true });
    const redis = stack.start({ name: 'redis', tier: 1, command: redisServer, args: redisServerArgs(port, dir), env, marker: 'redis-server', ports: [port] });
    redisUrl = ownRedisUrl(port, settings.redisUrl);
    if (!(await stack.waitReady(redis, async () => (await pingRedis(redisUrl)).ok, { timeoutMs: 15_000, what: 'PING' }))) return undefined;
    status(redis, `${redisUrl}, data in ${shown(dir)}`);
  }

  const bucket = env.S3_BUCKET;
  const s3Dir = join(devDir, 's3');
  mkdirSync(s3Dir, { recursive: true });
  // The tests' S3 server (test/support/s3-server.ts), on a port of the system's choosing.
  const s3 = stack.start({ name: 's3', tier: 2, command: process.execPath, args: ['test/support/s3rver-process.mjs', '0', s3Dir, bucket], env });
  const s3Port = await stack.waitReady(s3, () => Number(/listening (\d+)/.exec(readLog(s3))?.[1]) || undefined, { timeoutMs: 20_000, what: 'its "listening" line' });
  if (!s3Port) return undefined;
  stack.setPorts(s3, [s3Port]);
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;
  status(s3, `${s3Endpoint}, bucket ${bucket}, data in ${shown(s3Dir)}`);

  if (fakes) {
    const ports = fakes.ports.map(({ port }) => port);
    const record = stack.start({ name: 'fakes', tier: 2, command: process.execPath, args: [BUNDLES.fakes], env: { ...env, ...fakes.processEnv }, ports });
    const check = async () => (await Promise.all(ports.map((port) => portAnswers(port)))).every(Boolean);
    if (!(await stack.waitReady(record, check, { timeoutMs: 30_000, what: `ports ${ports.join(', ')}` }))) return undefined;
    status(record, `fake providers on 127.0.0.1 ports ${ports.join(', ')}`);
  } else {
    console.log(`reelay dev: fakes  not started: ${settings.config.path} reads no FAKE_ variable`);
  }

  const workerHealthPort = settings.workerHealthPort ?? (await freePort());
  const processEnv = gatewayEnv(settings, { redisUrl, s3Endpoint, workerHealthPort, fakeBaseUrls: fakes?.gatewayEnv ?? {} });
  const api = stack.start({ name: 'api', tier: 3, command: process.execPath, args: [BUNDLES.api], env: processEnv, ports: [settings.port] });
  const worker = stack.start({ name: 'worker', tier: 3, command: process.execPath, args: [BUNDLES.worker], env: processEnv, ports: [workerHealthPort] });
  const workerHealth = `http://127.0.0.1:${workerHealthPort}/health/readiness`;
  const [apiReady, workerReady] = await Promise.all([
    stack.waitReady(api, () => httpOk(`${settings.apiUrl}/health/readiness`), { timeoutMs: 60_000, what: `${settings.apiUrl}/health/readiness` }),
    stack.waitReady(worker, () => httpOk(workerHealth), { timeoutMs: 60_000, what: workerHealth }),
  ]);
  if (!apiReady || !workerReady) return undefined;
  status(api, settings.apiUrl);
  status(worker, `health ${workerHealth}`);
  return { s3Endpoint, bucket, redisUrl };
}
