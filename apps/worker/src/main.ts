import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { CompletionTimes, CounterBuffer, CounterStore, JobStore, PollSet, WEBHOOK_QUEUE_NAME, videoQueueName, type WebhookJobPayload } from '@reelay/jobs';
import { DeploymentLimiter } from '@reelay/limits';
import { servingProviders, vendorCatalog } from '@reelay/providers';
import { ConfigError, cooldownSettingsOf, loadRegistryFromFile, startupNotices, type Deployment, type Registry } from '@reelay/registry';
import { createObjectStorage, storageConfigFromEnv } from '@reelay/storage';
import { createGuardedAgent, createGuardedFetch } from '@reelay/egress';
import { parseWorkerEnv, type WorkerEnv } from './env';
import { startHealthServer } from './health-server';
import { WebhookNotifier } from './notify/webhook-notifier';
import { createWebhookDeliveryProcessor, webhookBackoff } from './notify/webhook-delivery';
import { DEFAULT_SWEEPER_OPTIONS, JobSweeper } from './video/job-sweeper';
import { startVideoLane } from './video/video-lane';
import { DEFAULT_POLLER_OPTIONS } from './video/video-poller';
import { VideoModels } from './video/video-models';

/** How often a worker writes its counts for /metrics to Redis. */
const COUNTER_FLUSH_MS = 5_000;

/** Fail fast with one line a person can act on, never a stack trace. */
function startupFailure(message: string): never {
  process.stderr.write(`reelay worker: ${message}\n`);
  process.exit(1);
}

function loadSettings(): { env: WorkerEnv; registry: Registry } {
  try {
    const env = parseWorkerEnv(process.env);
    const registry = loadRegistryFromFile(env.REELAY_CONFIG, process.env);
    return { env, registry };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof Error) startupFailure(error.message);
    throw error;
  }
}

async function main() {
  const { env, registry } = loadSettings();
  const logger = pino({
    name: 'reelay-worker',
    level: env.LOG_LEVEL,
    redact: ['*.apiKey', '*.authorization', 'req.headers.authorization'],
  });
  for (const notice of startupNotices(registry)) logger.warn({ where: notice.where }, `config: ${notice.message}`);

  // Workers block on Redis: BullMQ requires maxRetriesPerRequest null for them.
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', (error) => logger.error({ err: error.message }, 'redis connection error'));
  const store = new JobStore(connection, { prefix: env.REELAY_REDIS_PREFIX });
  const storage = createObjectStorage(storageConfigFromEnv(env));
  const presigner = createObjectStorage(storageConfigFromEnv(env, { forPresigning: true }));
  await storage.ensureBucket().catch((error: Error) => startupFailure(`S3 bucket ${env.S3_BUCKET} at ${env.S3_ENDPOINT ?? 'AWS'} is not usable: ${error.message}`));

  const webhookQueue = new Queue<WebhookJobPayload>(WEBHOOK_QUEUE_NAME, { connection });
  // One egress policy for everything a client points us at: callbacks and input images.
  const agent = createGuardedAgent({ allowPrivate: env.WEBHOOK_ALLOW_PRIVATE });
  const notifier = new WebhookNotifier(webhookQueue, presigner, env.S3_PRESIGN_TTL_SECONDS);
  const limiter = new DeploymentLimiter(connection, { prefix: env.REELAY_REDIS_PREFIX, leaseMs: env.REELAY_LEASE_SECONDS * 1000 });
  const counters = new CounterBuffer(new CounterStore(connection, { prefix: env.REELAY_REDIS_PREFIX }));
  counters.start(COUNTER_FLUSH_MS, (error) => logger.warn({ err: error.message }, 'could not write metrics counters; keeping them for the next try'));
  const ctx = {
    registry,
    limiter,
    cooldown: cooldownSettingsOf(registry.routerSettings),
    storeRetryMs: env.REELAY_STORE_RETRY_SECONDS === undefined ? undefined : env.REELAY_STORE_RETRY_SECONDS * 1000,
    store,
    polls: new PollSet(connection, { prefix: env.REELAY_REDIS_PREFIX }),
    counters,
    completionTimes: new CompletionTimes(connection, { prefix: env.REELAY_REDIS_PREFIX }),
    models: new VideoModels(registry, { fetchUserContent: createGuardedFetch(agent) }),
    laneOf: (deployment: Deployment) => videoQueueName(deployment.provider),
    storage,
    notifier,
    logger,
    now: Date.now,
    random: Math.random,
  };

  // Up before any job is taken: a taken port stops the start, not a worker mid-job.
  let bullWorkers: Worker[] = [];
  const health = env.WORKER_HEALTH_PORT
    ? await startHealthServer({ redis: connection, workers: () => bullWorkers }, { host: env.HOST, port: env.WORKER_HEALTH_PORT }).catch((error: Error) =>
        startupFailure(`cannot serve health on ${env.HOST}:${env.WORKER_HEALTH_PORT} (WORKER_HEALTH_PORT): ${error.message}`),
      )
    : undefined;

  // One lane per provider: a provider-wide 429 pauses only its own queue and status calls.
  const providers = servingProviders(registry.deployments, 'video');
  const statusCaps = Object.fromEntries(
    providers.map((provider) => [provider, registry.routerSettings.statusCallsPerSecond[provider] ?? vendorCatalog[provider]?.statusCallsPerSecond]),
  );
  const lanes = providers.map((provider) =>
    startVideoLane(ctx, videoQueueName(provider), {
      connection,
      concurrency: env.WORKER_CONCURRENCY,
      poller: {
        ...DEFAULT_POLLER_OPTIONS,
        concurrency: env.WORKER_POLL_CONCURRENCY,
        statusCallsPerSecond: statusCaps[provider],
      },
    }),
  );
  // One worker per round checks every unfinished job for a step that will never run.
  const sweeper = new JobSweeper(ctx, connection, new Map(lanes.map((lane, i) => [providers[i]!, lane.queue])), { ...DEFAULT_SWEEPER_OPTIONS, prefix: env.REELAY_REDIS_PREFIX });
  sweeper.start();
  for (const lane of lanes) lane.worker.on('error', (error) => logger.error({ queue: lane.queue.name, err: error.message }, 'worker error'));
  const webhookWorker = new Worker<WebhookJobPayload>(
    WEBHOOK_QUEUE_NAME,
    createWebhookDeliveryProcessor({ secret: env.WEBHOOK_SECRET, agent, logger, counters, store }),
    { connection, concurrency: env.WORKER_CONCURRENCY, settings: { backoffStrategy: webhookBackoff } },
  );
  webhookWorker.on('error', (error) => logger.error({ err: error.message }, 'webhook worker error'));
  bullWorkers = [...lanes.map((lane) => lane.worker), webhookWorker];
  logger.info(
    { queues: [...lanes.map((lane) => lane.queue.name), webhookWorker.name], concurrency: env.WORKER_CONCURRENCY, pollConcurrency: env.WORKER_POLL_CONCURRENCY, statusCallsPerSecond: statusCaps, healthPort: env.WORKER_HEALTH_PORT },
    'reelay worker started',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing active jobs (polling jobs wait in Redis)');
    // A second signal or 30 s forces the exit; delayed jobs are safe in Redis either way.
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    health?.close();
    await sweeper.stop();
    await Promise.all([...lanes.map((lane) => lane.close()), webhookWorker.close()]);
    await webhookQueue.close();
    await counters.stop().catch(() => undefined);
    storage.close();
    presigner.close();
    await agent.close();
    connection.disconnect();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: Error) => startupFailure(error.message));
