import { Redis } from 'ioredis';
import { inject } from 'vitest';

/**
 * Each test file owns one Redis logical database (1–15) so files cannot see each
 * other's keys; the database is flushed before use.
 */
export async function freshRedisUrl(db: number): Promise<string> {
  const base = new URL(inject('redisUrl'));
  base.pathname = `/${db}`;
  const url = base.toString();
  const redis = new Redis(url);
  await redis.flushdb();
  redis.disconnect();
  return url;
}
