import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { startS3Server, type S3ServerInfo } from './s3-server';

declare module 'vitest' {
  export interface ProvidedContext {
    s3: S3ServerInfo;
    redisUrl: string;
  }
}

/** Integration and e2e tests need a real Redis and a real S3-compatible server. */
export default async function setup(project: TestProject) {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${redisUrl} (${(error as Error).message}). Start it (redis-server --daemonize yes) or run bash .ci/run, which installs and starts it.`,
    );
  } finally {
    redis.disconnect();
  }
  const s3 = await startS3Server();
  const { stop, ...info } = s3;
  project.provide('s3', info);
  project.provide('redisUrl', redisUrl);
  return stop;
}
