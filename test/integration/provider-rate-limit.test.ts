import { createServer, type Server } from 'node:http';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CompletionTimes, CounterBuffer, CounterStore, JobStore, PollSet, WEBHOOK_QUEUE_NAME, newJobId, newJobRecord, queueCatalog } from '@reelay/jobs';
import { DeploymentLimiter } from '@reelay/limits';
import { parseRegistry, type Deployment } from '@reelay/registry';
import { createObjectStorage } from '@reelay/storage';
import { WebhookNotifier } from '../../apps/worker/src/notify/webhook-notifier';
import { startVideoLane, type VideoLane } from '../../apps/worker/src/video/video-lane';
import { DEFAULT_POLLER_OPTIONS } from '../../apps/worker/src/video/video-poller';
import { VideoModels } from '../../apps/worker/src/video/video-models';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { waitFor } from '../support/processes';
import { freshRedisUrl } from '../support/redis';

/**
 * An OpenAI-protocol upstream whose status calls are rate-limited account-wide: creates
 * work, every GET answers 429 with Retry-After: 3.
 */
function startThrottledUpstream(): Promise<{ server: Server; baseUrl: string; statusCalls: () => number }> {
  let statusCalls = 0;
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST') {
      req.resume();
      res.end(JSON.stringify({ id: `video_${Math.random().toString(16).slice(2)}`, object: 'video', status: 'queued', progress: 0 }));
      return;
    }
    statusCalls += 1;
    res.statusCode = 429;
    res.setHeader('retry-after', '3');
    res.end(JSON.stringify({ error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`, statusCalls: () => statusCalls })),
  );
}

let redis: Redis;
let throttled: Awaited<ReturnType<typeof startThrottledUpstream>>;
let healthy: FakeOpenAIVideos;
let slow: FakeOpenAIVideos;
let slowStatus: FakeOpenAIVideos;
const queues: Queue[] = [];
const lanes: VideoLane[] = [];
const storage = createObjectStorage({ ...inject('s3'), forcePathStyle: true });
let store: JobStore;

beforeAll(async () => {
  redis = new Redis(await freshRedisUrl(13), { maxRetriesPerRequest: null });
  throttled = await startThrottledUpstream();
  healthy = await startFakeOpenAIVideos({ apiKey: 'k', completeAfterMs: 300 });
  slow = await startFakeOpenAIVideos({ apiKey: 'k', completeAfterMs: 10 * 60_000 });
  slowStatus = await startFakeOpenAIVideos({ apiKey: 'k', completeAfterMs: 10 * 60_000 });
  const fast = 'poll_initial_seconds: 0.1, poll_min_seconds: 0.1, poll_max_seconds: 0.2';
  const registry = parseRegistry(
    `model_list:
  - { model_name: throttled, litellm_params: { model: openai/sora-2, api_base: ${throttled.baseUrl}, api_key: k, ${fast} } }
  - { model_name: healthy, litellm_params: { model: openai/sora-2, api_base: ${healthy.baseUrl}, api_key: k, ${fast} } }
  - { model_name: capped, litellm_params: { model: openai/sora-2, api_base: ${slow.baseUrl}, api_key: k, ${fast} } }
  - { model_name: slowstatus, litellm_params: { model: openai/sora-2, api_base: ${slowStatus.baseUrl}, api_key: k, ${fast} } }
`,
    { env: {} },
  );
  store = new JobStore(redis, { prefix: 'prl' });
  const ctx = {
    registry,
    store,
    polls: new PollSet(redis, { prefix: 'prl' }),
    counters: new CounterBuffer(new CounterStore(redis, { prefix: 'prl' })),
    completionTimes: new CompletionTimes(redis, { prefix: 'prl' }),
    limiter: new DeploymentLimiter(redis, { prefix: 'prl' }),
    cooldown: { allowedFails: 3, cooldownMs: 5_000 },
    models: new VideoModels(registry),
    // Each group's lane stands in for a provider's (`video-throttled`, …).
    laneOf: (deployment: Deployment) => `video-${deployment.modelName}`,
    storage,
    notifier: new WebhookNotifier(new Queue(WEBHOOK_QUEUE_NAME, { connection: redis, prefix: 'prl' }), storage, 60),
    logger: pino({ level: 'silent' }),
    now: Date.now,
    random: Math.random,
  };
  // Two provider lanes, as the worker runs them (the names stand in for two providers).
  for (const name of ['video-throttled', 'video-healthy']) {
    queues.push(new Queue(name, { connection: redis }));
    lanes.push(startVideoLane(ctx, name, { connection: redis, concurrency: 2, poller: { ...DEFAULT_POLLER_OPTIONS, concurrency: 2 } }));
  }
  // A lane whose status calls are capped at 2 a second, shared by its two pollers (two workers).
  queues.push(new Queue('video-capped', { connection: redis }));
  for (let worker = 0; worker < 2; worker++) {
    lanes.push(startVideoLane(ctx, 'video-capped', { connection: redis, concurrency: 8, poller: { ...DEFAULT_POLLER_OPTIONS, statusCallsPerSecond: 2 } }));
  }
  // A lane whose status calls (1.5 s each) outlast its 600 ms claims, polled by two workers.
  queues.push(new Queue('video-slowstatus', { connection: redis }));
  for (let worker = 0; worker < 2; worker++) {
    lanes.push(startVideoLane(ctx, 'video-slowstatus', { connection: redis, concurrency: 4, poller: { ...DEFAULT_POLLER_OPTIONS, claimMs: 600 } }));
  }
});

afterAll(async () => {
  await Promise.all(lanes.map((lane) => lane.close()));
  await Promise.all(queues.map((q) => q.close()));
  await healthy.close();
  await slow.close();
  await slowStatus.close();
  await new Promise((resolve) => throttled.server.close(resolve));
  storage.close();
  redis.disconnect();
});

async function enqueue(model: string, queue: Queue) {
  const record = newJobRecord({ id: newJobId(), owner: 'o', model, provider: 'openai', request: { prompt: 'p' }, callbackUrl: null, metadata: null, warnings: [], now: Date.now() });
  await store.create(record);
  await queue.add('video', { jobId: record.id }, { ...queueCatalog.video.options, jobId: record.id });
  return record.id;
}

describe('a provider-wide 429 on status calls', () => {
  it('rate-limits that provider’s queue for the Retry-After and leaves the other queues alone', async () => {
    const [throttledQueue, healthyQueue] = queues as [Queue, Queue];
    const stuck = await enqueue('throttled', throttledQueue);
    await waitFor(async () => ((await throttledQueue.getRateLimitTtl(1_000_000)) > 0 ? true : undefined), {
      timeoutMs: 10_000,
      describe: () => `the throttled queue was never rate-limited (status calls: ${throttled.statusCalls()})`,
    });
    const ttl = await throttledQueue.getRateLimitTtl(1_000_000); // with max: only a manual limit counts
    expect(ttl).toBeGreaterThan(1_000);
    expect(ttl).toBeLessThanOrEqual(3_000);
    const callsWhenLimited = throttled.statusCalls();

    // Meanwhile the other provider's jobs run to completion.
    const fine = await enqueue('healthy', healthyQueue);
    const done = await waitFor(async () => {
      const job = await store.get(fine);
      return job?.status === 'completed' ? job : undefined;
    }, { timeoutMs: 15_000, describe: () => 'the healthy provider’s job did not complete' });
    expect(done.status).toBe('completed');
    expect(await healthyQueue.getRateLimitTtl(1_000_000)).toBeLessThanOrEqual(0);

    // The throttled job is not failed: it waits, and is not polled during the limit.
    expect((await store.get(stuck))?.status).toBe('in_progress');
    expect(throttled.statusCalls() - callsWhenLimited).toBeLessThanOrEqual(1);
  });
});

describe('a status-call cap per second (router_settings.status_calls_per_second)', () => {
  it('holds across the workers of a lane however many tasks are due', async () => {
    const capped = queues.find((q) => q.name === 'video-capped')!;
    const ids = await Promise.all(Array.from({ length: 6 }, () => enqueue('capped', capped)));
    await waitFor(async () => ((await Promise.all(ids.map((id) => store.get(id)))).every((job) => job?.status === 'in_progress') ? true : undefined), {
      timeoutMs: 10_000,
      describe: () => 'the capped jobs never all started',
    });
    // Uncapped, six tasks polled every 0.1-0.2 s make 30-60 calls a second.
    const before = slow.stats().retrieves;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const calls = slow.stats().retrieves - before;
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(calls).toBeLessThanOrEqual(8); // 2 a second over 3 s, plus the seconds at either edge
    for (const id of ids) await store.update(id, {}, 'cancelled');
  });
});

describe('a task watched in the wrong lane', () => {
  it('moves to the lane of the deployment that holds it, and the job takes that provider', async () => {
    const capped = queues.find((q) => q.name === 'video-capped')!;
    const polls = new PollSet(redis, { prefix: 'prl' });
    const id = await enqueue('capped', capped);
    await waitFor(async () => ((await polls.dueAt('video-capped', id)) !== undefined ? true : undefined), { timeoutMs: 10_000, describe: () => 'never watched in its lane' });
    // As a job recorded before the lane followed the route would be: watched elsewhere, another provider named.
    await store.update(id, { provider: 'stale' });
    await polls.unwatch('video-capped', id);
    await polls.watch('video-healthy', id, Date.now());
    await waitFor(async () => ((await polls.dueAt('video-capped', id)) !== undefined ? true : undefined), {
      timeoutMs: 10_000,
      describe: () => 'the task never moved back to the lane of its deployment',
    });
    expect(await polls.dueAt('video-healthy', id)).toBeUndefined();
    expect((await store.get(id))?.provider).toBe('openai');
    await store.update(id, {}, 'cancelled');
  });
});

describe('status-call claims', () => {
  it('a live worker renews the claim of a slow status call, so no other worker makes the same call meanwhile', async () => {
    const queue = queues.find((q) => q.name === 'video-slowstatus')!;
    const id = await enqueue('slowstatus', queue);
    await waitFor(async () => ((await store.get(id))?.status === 'in_progress' ? true : undefined), { timeoutMs: 10_000, describe: () => 'the job never started' });
    slowStatus.setStatusDelay(1_500);
    const before = slowStatus.stats().retrieves;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    // Cancelled, the task gets no new calls; the ones under way finish and are counted.
    await store.update(id, {}, 'cancelled');
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const calls = slowStatus.stats().retrieves - before;
    // One call at a time: 1.5 s each plus the 0.1-0.2 s gap starts 2 or 3 in 4 s. Claims of
    // 600 ms that nobody renewed let a worker start another every 0.6-1.1 s (6 or more).
    console.log(`status-call claims: ${calls} calls of 1.5 s started in 4 s`);
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(4);
  });
});
