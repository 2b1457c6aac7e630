import pino from 'pino';
import { Queue } from 'bullmq';
import { CompletionTimes, CounterBuffer, CounterStore, IdempotencyStore, JobStore, PollSet, WEBHOOK_QUEUE_NAME, videoQueueName } from '@reelay/jobs';
import { DeploymentLimiter } from '@reelay/limits';
import { servingProviders } from '@reelay/providers';
import { loadRegistryFromFile, startupNotices, type Registry } from '@reelay/registry';
import { createObjectStorage, storageConfigFromEnv } from '@reelay/storage';
import { createServer } from 'node:http';
import { createRequestListener } from './app';
import { ChatModels } from './chat/chat-models';
import { ChatService } from './chat/chat-service';
import { ReasoningVault } from './chat/reasoning/reasoning-vault';
import { DeploymentHealth } from './health/deployment-health';
import { parseApiEnv, type ApiEnv } from './env';
import { answerClientErrors } from './http/client-errors';
import { createApiRedis, waitUntilReady } from './redis-connection';
import { VideoJobService } from './video/video-job-service';
import { VideoPresenter } from './video/video-presenter';
import { VideoQueues } from './video/video-queues';

/** Fail fast with one line a person can act on, never a stack trace. */
function startupFailure(message: string): never {
  process.stderr.write(`reelay api: ${message}\n`);
  process.exit(1);
}

function loadSettings(): { env: ApiEnv; registry: Registry; masterKey: string } {
  try {
    const env = parseApiEnv(process.env);
    const registry = loadRegistryFromFile(env.REELAY_CONFIG, process.env);
    const masterKey = env.REELAY_MASTER_KEY ?? registry.masterKey;
    if (!masterKey) {
      startupFailure('no API key configured: set REELAY_MASTER_KEY, or general_settings.master_key in the config.');
    }
    return { env, registry, masterKey };
  } catch (error) {
    startupFailure((error as Error).message);
  }
}

async function main() {
  const { env, registry, masterKey } = loadSettings();
  const logger = pino({ name: 'reelay-api', level: env.LOG_LEVEL, redact: ['*.authorization', '*.apiKey'] });
  for (const notice of startupNotices(registry)) logger.warn({ where: notice.where }, `config: ${notice.message}`);

  const redis = createApiRedis(env.REDIS_URL);
  await waitUntilReady(redis, 10_000).catch((error: Error) => startupFailure(`Redis at ${env.REDIS_URL.replace(/\/\/[^@]*@/, '//***@')} is not reachable: ${error.message}`));
  // Logged once per outage, not once per reconnect attempt.
  let redisDown = false;
  redis.on('error', (error) => {
    if (!redisDown) logger.error({ err: error.message }, 'redis connection lost; answering 503 until it returns');
    redisDown = true;
  });
  redis.on('ready', () => {
    if (redisDown) logger.info('redis connection back');
    redisDown = false;
  });

  const store = new JobStore(redis, { prefix: env.REELAY_REDIS_PREFIX });
  const queues = new VideoQueues(redis, { prefix: env.REELAY_REDIS_PREFIX });
  const storage = createObjectStorage(storageConfigFromEnv(env));
  const presigner = createObjectStorage(storageConfigFromEnv(env, { forPresigning: true }));
  const service = new VideoJobService({
    registry,
    store,
    idempotency: new IdempotencyStore(redis, env.REELAY_REDIS_PREFIX),
    queues,
    allowPrivateCallbacks: env.WEBHOOK_ALLOW_PRIVATE,
    logger,
  });
  const limiter = new DeploymentLimiter(redis, { prefix: env.REELAY_REDIS_PREFIX });
  const lanes = servingProviders(registry.deployments, 'video');
  // Text requests are counted in memory and written every 2 s: no Redis command per request for metrics.
  const chatCounters = new CounterBuffer(new CounterStore(redis, { prefix: env.REELAY_REDIS_PREFIX }));
  chatCounters.start(2_000, (error) => logger.warn({ err: error.message }, 'could not write text request counters; kept for the next try'));
  const vault = new ReasoningVault(redis, logger, { prefix: env.REELAY_REDIS_PREFIX, ttlSeconds: env.REELAY_REASONING_TTL_SECONDS });
  const chat = new ChatService({ registry, limiter, models: new ChatModels(), counters: chatCounters, logger, vault });
  const webhookQueue = new Queue(WEBHOOK_QUEUE_NAME, { connection: redis });
  const listener = createRequestListener({
    registry,
    redis,
    masterKey,
    service,
    chat,
    store,
    presenter: new VideoPresenter(presigner, env.S3_PRESIGN_TTL_SECONDS),
    storage,
    queues,
    limiter,
    completionTimes: new CompletionTimes(redis, { prefix: env.REELAY_REDIS_PREFIX }),
    health: new DeploymentHealth(redis, registry, logger, { prefix: env.REELAY_REDIS_PREFIX, freshSeconds: env.REELAY_HEALTH_CACHE_SECONDS }),
    metrics: {
      registry,
      limiter,
      counters: new CounterStore(redis, { prefix: env.REELAY_REDIS_PREFIX }),
      polls: new PollSet(redis, { prefix: env.REELAY_REDIS_PREFIX }),
      store,
      queues: [...lanes.map((provider) => queues.forProvider(provider)), webhookQueue],
      lanes: lanes.map(videoQueueName),
    },
    logger,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    adminWrite: env.REELAY_ADMIN_WRITE,
  });

  const server = createServer(listener).listen(env.PORT, env.HOST, () => {
    logger.info({ port: env.PORT, host: env.HOST, models: registry.modelNames().length }, 'reelay api listening');
  });
  server.on('error', (error) => startupFailure(`cannot listen on ${env.HOST}:${env.PORT}: ${error.message}`));
  answerClientErrors(server);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: no new connections, finishing open requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close(async () => {
      await Promise.all([queues.close(), webhookQueue.close(), chatCounters.stop().catch(() => undefined)]);
      storage.close();
      presigner.close();
      redis.disconnect();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: Error) => startupFailure(error.message));
