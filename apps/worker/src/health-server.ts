import { createServer, type Server } from 'node:http';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

export interface HealthSources {
  redis: Redis;
  /** The BullMQ workers of this process (provider lanes and webhooks), once started. */
  workers: () => readonly Worker[];
}

const REDIS_PING_TIMEOUT_MS = 2_000;

/**
 * The worker's health endpoint, on WORKER_HEALTH_PORT, with the api's paths: a container
 * healthcheck or a Kubernetes probe can tell a worker that lost Redis or stopped taking
 * jobs from one that is idle.
 */
export function startHealthServer(sources: HealthSources, address: { host: string; port: number }): Promise<Server> {
  const server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return answer(405, { error: { message: 'Only GET is served here.', type: 'invalid_request_error' } });
    if (req.url === '/health/liveliness') return answer(200, { status: 'alive' });
    if (req.url === '/health/readiness') {
      void readiness(sources).then(({ ok, ...body }) => answer(ok ? 200 : 503, body));
      return;
    }
    answer(404, { error: { message: `No route ${req.url}: the worker serves GET /health/liveliness and /health/readiness.`, type: 'not_found_error' } });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

async function readiness({ redis, workers: current }: HealthSources) {
  const workers = current();
  const redisOk = await Promise.race([
    redis.ping().then(() => true, () => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), REDIS_PING_TIMEOUT_MS).unref()),
  ]);
  const stopped = workers.filter((worker) => !worker.isRunning()).map((worker) => worker.name);
  const ok = redisOk && workers.length > 0 && stopped.length === 0;
  return {
    ok,
    status: ok ? 'healthy' : 'unhealthy',
    redis: redisOk ? 'connected' : 'unreachable',
    queues: workers.map((worker) => worker.name),
    ...(stopped.length > 0 ? { stopped } : {}),
  };
}
