import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { startS3Server, type S3ServerInfo } from './s3-server';

declare module 'vitest' {
  export interface ProvidedContext {
    s3: S3ServerInfo;
    redisUrl: string;
  }
}

/**
 * Test files flush fixed logical databases (1–13), so two runs on one Redis break each
 * other in ways that look like bugs. One run holds this key (in database 0, which no test
 * flushes) while it runs; a second run stops at once and says why.
 */
const RUN_LOCK_KEY = 'reelay:test-run-lock';
const RUN_LOCK_TTL_MS = 60_000;
const thisRun = `${hostname()}:${process.pid}`;

async function holdRunLock(redis: Redis, redisUrl: string): Promise<() => Promise<void>> {
  await redis.select(0);
  const taken = await redis.set(RUN_LOCK_KEY, thisRun, 'PX', RUN_LOCK_TTL_MS, 'NX');
  const holder = taken === 'OK' ? thisRun : await redis.get(RUN_LOCK_KEY);
  // Both test projects (integration, e2e) run this setup in the same process.
  if (holder !== thisRun) {
    throw new Error(
      `Another test run (${holder}) is using the Redis at ${redisUrl}. Test files flush logical databases 1–13, so two runs at once break each other. Wait for it to finish (a run that crashed frees it within 60 s), or point REDIS_URL at another Redis.`,
    );
  }
  const renew = setInterval(() => void redis.pexpire(RUN_LOCK_KEY, RUN_LOCK_TTL_MS).catch(() => undefined), RUN_LOCK_TTL_MS / 3);
  renew.unref();
  return async () => {
    clearInterval(renew);
    if ((await redis.get(RUN_LOCK_KEY).catch(() => null)) === thisRun) await redis.del(RUN_LOCK_KEY).catch(() => undefined);
    redis.disconnect();
  };
}

/** Integration and e2e tests need a real Redis and a real S3-compatible server. */
export default async function setup(project: TestProject) {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Redis is not reachable at ${redisUrl} (${(error as Error).message}). Start it (redis-server --daemonize yes) or run bash .ci/run, which installs and starts it.`,
    );
  }
  let releaseRunLock: () => Promise<void>;
  try {
    releaseRunLock = await holdRunLock(redis, redisUrl);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const s3 = await startS3Server();
  const { stop, ...info } = s3;
  project.provide('s3', info);
  project.provide('redisUrl', redisUrl);
  return async () => {
    await stop();
    await releaseRunLock();
  };
}
