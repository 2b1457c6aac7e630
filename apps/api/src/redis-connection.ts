import { Redis } from 'ioredis';

/** Longest any request waits on Redis before the api answers 503 (issue 9: within 1 s). */
export const REDIS_COMMAND_TIMEOUT_MS = 900;

/**
 * The api's Redis client fails fast: while Redis is unreachable a command errors at once (no
 * offline queue to wait in) and a command Redis does not answer errors after
 * REDIS_COMMAND_TIMEOUT_MS, so every route answers 503 quickly instead of hanging and then
 * answering 500. It keeps reconnecting by itself; nothing needs a restart when Redis returns.
 */
export function createApiRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
}

/** Resolves once the client is connected (commands before that would fail without the offline queue). */
export function waitUntilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    const onError = (error: Error) => (lastError = error);
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      redis.off('error', onError);
      reject(lastError ?? new Error(`no connection within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      redis.off('error', onError);
      resolve();
    };
    redis.once('ready', onReady);
    redis.on('error', onError);
  });
}

const UNAVAILABLE = /Stream isn't writeable|enableOfflineQueue|Command timed out|Connection is closed|ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|Reached the max retries per request limit/i;

/** True for the errors a Redis client gives while Redis is unreachable or not answering. */
export function isRedisUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current.name === 'MaxRetriesPerRequestError' || UNAVAILABLE.test(current.message)) return true;
  }
  return false;
}
