import type { Queue } from 'bullmq';
import type { CounterStore, JobStore, PollSet } from '@reelay/jobs';
import { limitsOf, type DeploymentLimiter } from '@reelay/limits';
import type { Registry } from '@reelay/registry';
import { chatMetricFamilies } from './chat-metric-families';
import type { MetricFamily } from './prometheus-text';

export interface MetricsSources {
  registry: Registry;
  limiter: DeploymentLimiter;
  counters: CounterStore;
  polls: PollSet;
  /** Reads how many finished videos wait for a working S3. */
  store: Pick<JobStore, 'uploadsWaiting'>;
  /** The provider lanes' queues and the webhook queue. */
  queues: readonly Queue[];
  /** The provider lanes (video queue names) whose poll sets are reported. */
  lanes: readonly string[];
  now?: () => number;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/** A status call this late means the lane's pollers cannot keep up (add workers or WORKER_POLL_CONCURRENCY). */
const OVERDUE_MS = 5_000;

/**
 * Everything `/metrics` shows, read from the Redis state all processes share, so any api
 * process answers for the whole deployment: counters the workers add to, queue depths,
 * poll sets and each deployment's limits and use.
 */
export async function collectMetrics(sources: MetricsSources): Promise<MetricFamily[]> {
  const now = (sources.now ?? Date.now)();
  const [chatRequests, chatTokens, chatLatency, chatLatencySum] = await Promise.all(
    (['chat_requests', 'chat_tokens', 'chat_latency', 'chat_latency_ms_sum'] as const).map((name) => sources.counters.read(name)),
  );
  const [finished, calls, webhooks, queueCounts, lanes, deployments, uploadsWaiting] = await Promise.all([
    sources.counters.read('video_jobs_finished'),
    sources.counters.read('upstream_calls'),
    sources.counters.read('webhook_attempts'),
    Promise.all(sources.queues.map(async (queue) => ({ queue: queue.name, counts: await queue.getJobCounts(...QUEUE_STATES) }))),
    Promise.all(
      sources.lanes.map(async (lane) => ({ lane, size: await sources.polls.size(lane), overdue: await sources.polls.dueCount(lane, now - OVERDUE_MS) })),
    ),
    Promise.all(sources.registry.deployments.map(async (deployment) => ({ deployment, state: await sources.limiter.inspect(deployment.id) }))),
    sources.store.uploadsWaiting(),
  ]);

  const deploymentLabels = (d: (typeof deployments)[number]['deployment']) => ({ model_name: d.modelName, deployment: d.id, provider: d.provider });
  const limitSamples = deployments.flatMap(({ deployment }) => {
    const limits = limitsOf(deployment, sources.registry);
    return (
      [
        ['rpm', limits.rpm],
        ['tpm', limits.tpm],
        ['max_parallel_requests', limits.maxParallelRequests],
      ] as const
    )
      .filter(([, value]) => value !== undefined)
      .map(([limit, value]) => ({ labels: { ...deploymentLabels(deployment), limit }, value: value! }));
  });

  return [
    {
      name: 'reelay_video_jobs_finished_total',
      help: 'Video jobs that reached a terminal status, by model, provider, status and error code (empty when none).',
      type: 'counter',
      samples: finished.map(({ labels: [model = '', provider = '', status = '', code = ''], value }) => ({ labels: { model, provider, status, error_code: code }, value })),
    },
    {
      name: 'reelay_upstream_calls_total',
      help: 'Calls to providers by deployment, kind (create, status, result, cancel) and outcome (ok or the error code).',
      type: 'counter',
      samples: calls.map(({ labels: [deployment = '', call = '', outcome = ''], value }) => ({ labels: { deployment, call, outcome }, value })),
    },
    {
      name: 'reelay_webhook_attempts_total',
      help: 'Webhook delivery attempts by event type and outcome: delivered, failed (retried later), gone (410), refused (egress policy).',
      type: 'counter',
      samples: webhooks.map(({ labels: [type = '', outcome = ''], value }) => ({ labels: { type, outcome }, value })),
    },
    {
      name: 'reelay_queue_jobs',
      help: 'BullMQ jobs per queue and state (video jobs waiting to be submitted or stored, webhook deliveries).',
      type: 'gauge',
      samples: queueCounts.flatMap(({ queue, counts }) => QUEUE_STATES.map((state) => ({ labels: { queue, state }, value: counts[state] ?? 0 }))),
    },
    {
      name: 'reelay_video_uploads_waiting',
      help: 'Finished videos whose upload to S3 (or download from the provider) failed and waits for another try; they fail only once the provider\'s copy expires.',
      type: 'gauge',
      samples: [{ labels: {}, value: uploadsWaiting }],
    },
    {
      name: 'reelay_poll_tasks',
      help: 'Upstream tasks waiting for their next status call, per provider lane.',
      type: 'gauge',
      samples: lanes.map(({ lane, size }) => ({ labels: { queue: lane }, value: size })),
    },
    {
      name: 'reelay_poll_overdue_tasks',
      help: `Upstream tasks whose status call is more than ${OVERDUE_MS / 1000} s late: the lane needs more workers or WORKER_POLL_CONCURRENCY.`,
      type: 'gauge',
      samples: lanes.map(({ lane, overdue }) => ({ labels: { queue: lane }, value: overdue })),
    },
    {
      name: 'reelay_deployment_in_flight',
      help: 'Upstream tasks (video) and calls (text) in flight per deployment, counted against max_parallel_requests.',
      type: 'gauge',
      samples: deployments.map(({ deployment, state }) => ({ labels: deploymentLabels(deployment), value: state.inFlight })),
    },
    {
      name: 'reelay_deployment_requests_last_minute',
      help: 'Requests in the last minute per deployment (paid video creates, text calls), counted against rpm.',
      type: 'gauge',
      samples: deployments.map(({ deployment, state }) => ({ labels: deploymentLabels(deployment), value: state.requestsInWindow })),
    },
    {
      name: 'reelay_deployment_tokens_last_minute',
      help: 'Tokens in the last minute per deployment (counted against tpm).',
      type: 'gauge',
      samples: deployments.map(({ deployment, state }) => ({ labels: deploymentLabels(deployment), value: state.tokensInWindow })),
    },
    {
      name: 'reelay_deployment_cooldown_seconds',
      help: 'Seconds left of a deployment cooldown (0 when it takes work).',
      type: 'gauge',
      samples: deployments.map(({ deployment, state }) => ({
        labels: deploymentLabels(deployment),
        value: state.cooldownUntil === null ? 0 : Math.max(0, (state.cooldownUntil - now) / 1000),
      })),
    },
    ...chatMetricFamilies(chatRequests!, chatTokens!, chatLatency!, chatLatencySum!),
    {
      name: 'reelay_deployment_limit',
      help: 'Configured limits per deployment (only those set): rpm, tpm, max_parallel_requests.',
      type: 'gauge',
      samples: limitSamples,
    },
  ];
}
