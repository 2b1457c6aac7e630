import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CompletionTimes, CounterBuffer, CounterStore, JobStore, PollSet, WEBHOOK_QUEUE_NAME, newJobId, newJobRecord, queueCatalog, type JobRecord } from '@reelay/jobs';
import { DeploymentLimiter } from '@reelay/limits';
import { videoAdapters } from '@reelay/providers';
import { parseRegistry } from '@reelay/registry';
import { createObjectStorage } from '@reelay/storage';
import { WebhookNotifier } from '../../apps/worker/src/notify/webhook-notifier';
import { startVideoLane, type VideoLane } from '../../apps/worker/src/video/video-lane';
import { DEFAULT_POLLER_OPTIONS } from '../../apps/worker/src/video/video-poller';
import { JobSweeper } from '../../apps/worker/src/video/job-sweeper';
import type { VideoJobContext } from '../../apps/worker/src/video/video-job-context';
import { VideoModels } from '../../apps/worker/src/video/video-models';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { waitFor } from '../support/processes';
import { freshRedisUrl } from '../support/redis';

const FAKE_KEY = 'sk-fake-processor-test';
let redis: Redis;
let fake: FakeOpenAIVideos;
let store: JobStore;
let polls: PollSet;
let counters: CounterBuffer;
let completionTimes: CompletionTimes;
let ctx: VideoJobContext;
let queue: Queue;
let lane: VideoLane;
let events: QueueEvents;
const storage = createObjectStorage({ ...inject('s3'), forcePathStyle: true });
const queueName = `video-openai-test-${process.pid}`;

beforeAll(async () => {
  const url = await freshRedisUrl(5);
  redis = new Redis(url, { maxRetriesPerRequest: null });
  fake = await startFakeOpenAIVideos({ apiKey: FAKE_KEY, completeAfterMs: 300 });
  const registry = parseRegistry(
    `model_list:
  - model_name: sora-2
    litellm_params: { model: openai/sora-2, api_base: ${fake.baseUrl}, api_key: os.environ/GOOD_KEY, poll_initial_seconds: 0.2, poll_min_seconds: 0.1 }
    model_info: { id: sora-good }
  - model_name: sora-impatient
    litellm_params: { model: openai/sora-2, api_base: ${fake.baseUrl}, api_key: os.environ/GOOD_KEY, poll_initial_seconds: 0.2, poll_min_seconds: 0.1, poll_max_seconds: 0.2, job_timeout_seconds: 0.5 }
    model_info: { id: sora-impatient }
  - model_name: sora-slow-polls
    litellm_params: { model: openai/sora-2, api_base: ${fake.baseUrl}, api_key: os.environ/GOOD_KEY, poll_initial_seconds: 30, poll_min_seconds: 30 }
    model_info: { id: sora-slow-polls }
  - model_name: sora-wrong-key
    litellm_params: { model: openai/sora-2, api_base: ${fake.baseUrl}, api_key: os.environ/WRONG_KEY }
    model_info: { id: sora-bad-key }
`,
    { env: { GOOD_KEY: FAKE_KEY, WRONG_KEY: 'sk-not-the-key' } },
  );
  store = new JobStore(redis, { prefix: 'proc' });
  polls = new PollSet(redis, { prefix: 'proc' });
  counters = new CounterBuffer(new CounterStore(redis, { prefix: 'proc' }));
  completionTimes = new CompletionTimes(redis, { prefix: 'proc' });
  const webhookQueue = new Queue(WEBHOOK_QUEUE_NAME, { connection: redis, prefix: 'proc' });
  ctx = {
    registry,
    limiter: new DeploymentLimiter(redis, { prefix: 'proc' }),
    cooldown: { allowedFails: 3, cooldownMs: 5_000 },
    store,
    polls,
    counters,
    completionTimes,
    models: new VideoModels(registry),
    laneOf: () => queueName,
    storage,
    notifier: new WebhookNotifier(webhookQueue, storage, 60),
    logger: pino({ level: 'silent' }),
    now: Date.now,
    random: () => 0.5,
  };
  queue = new Queue(queueName, { connection: redis });
  lane = startVideoLane(ctx, queueName, { connection: redis, concurrency: 4, poller: { ...DEFAULT_POLLER_OPTIONS, concurrency: 4 } });
  events = new QueueEvents(queueName, { connection: redis });
});

afterAll(async () => {
  await lane?.close();
  await events?.close();
  await queue?.close();
  await fake?.close();
  storage.close();
  redis?.disconnect();
});

async function run(record: JobRecord): Promise<JobRecord> {
  await store.create(record);
  await queue.add('video', { jobId: record.id }, { ...queueCatalog.video.options, jobId: record.id });
  return waitFor(
    async () => {
      const current = await store.get(record.id);
      return current && ['completed', 'failed', 'cancelled'].includes(current.status) && current.step === 'done' ? current : undefined;
    },
    { timeoutMs: 20_000, describe: () => `job ${record.id} did not settle` },
  );
}

function newRecord(model: string, prompt: string): JobRecord {
  return newJobRecord({ id: newJobId(), owner: 'o', model, provider: 'openai', request: { prompt }, callbackUrl: null, metadata: null, warnings: [], now: Date.now() });
}

describe('video processor on real Redis, S3 and the fake upstream', () => {
  it('runs submit → poll → store to a completed record with the stored object', async () => {
    const done = await run(newRecord('sora-2', 'a short clip'));
    expect(done.status).toBe('completed');
    expect(done.deploymentId).toBe('sora-good');
    expect(done.routing).toEqual({ deploymentId: 'sora-good', provider: 'openai', tier: 0, excluded: [] });
    expect(done.output).toMatchObject({ key: `videos/${done.id}.mp4`, bytes: 65536, contentType: 'video/mp4' });
    expect(done.pollCount).toBeGreaterThanOrEqual(1);
  });

  it('a job found in `submitting` with no upstream id is never resubmitted: it fails as upstream_unknown', async () => {
    const creates = fake.stats().creates;
    const crashed = { ...newRecord('sora-2', 'crashed mid-create'), step: 'submitting' as const, deploymentId: 'sora-good', attempt: 1, submitStartedAt: Date.now() - 5000 };
    const done = await run(crashed);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('upstream_unknown');
    expect(done.error?.message).toMatch(/did not resubmit/);
    expect(done.error?.message).toMatch(/No task matching what was sent is among the videos at/);
    expect(fake.stats().creates).toBe(creates);
  });

  it('a job found in `submitting` whose create did reach the vendor adopts that task: one create, the paid video kept', async () => {
    const startedAt = Date.now() - 2_000;
    // The create a crashed worker sent: it made a task, but the worker died before saving its id.
    const lost = await videoAdapters.openai!.create({ model: 'sora-2', apiBase: fake.baseUrl, apiKey: FAKE_KEY }).submit({ prompt: 'made before the crash', seconds: 4 });
    const creates = fake.stats().creates;
    const crashed = {
      ...newRecord('sora-2', 'made before the crash'),
      request: { prompt: 'made before the crash', seconds: 4 },
      step: 'submitting' as const,
      deploymentId: 'sora-good',
      attempt: 1,
      submitStartedAt: startedAt,
    };
    const done = await run(crashed);
    expect(done.status).toBe('completed');
    expect(done.upstreamId).toBe(lost.upstreamId);
    expect(done.output?.bytes).toBe(65536);
    expect(fake.stats().creates).toBe(creates);
  });

  it("a lost create alike to another job's adopts its own task, never the other job's", async () => {
    const request = { prompt: 'twin prompt sent twice', seconds: 4 };
    const startedAt = Date.now() - 2_000;
    // A twin job whose create answered: it owns its task.
    const twin = await run({ ...newRecord('sora-2', request.prompt), request });
    expect(twin.status).toBe('completed');
    // The crashed job's create made a second task with the same prompt, inside the same window.
    const lost = await videoAdapters.openai!.create({ model: 'sora-2', apiBase: fake.baseUrl, apiKey: FAKE_KEY }).submit(request);
    const crashed = { ...newRecord('sora-2', request.prompt), request, step: 'submitting' as const, deploymentId: 'sora-good', attempt: 1, submitStartedAt: startedAt };
    const done = await run(crashed);
    expect(done.status).toBe('completed');
    expect(done.upstreamId).toBe(lost.upstreamId);
    expect(done.upstreamId).not.toBe(twin.upstreamId);
  });

  it('a lost create whose only match belongs to another job fails as upstream_unknown and says so', async () => {
    const request = { prompt: 'prompt of a job that did get its answer', seconds: 4 };
    const startedAt = Date.now() - 1_000;
    const owner = await run({ ...newRecord('sora-2', request.prompt), request });
    const crashed = { ...newRecord('sora-2', request.prompt), request, step: 'submitting' as const, deploymentId: 'sora-good', attempt: 1, submitStartedAt: startedAt };
    const done = await run(crashed);
    expect(done.error?.code).toBe('upstream_unknown');
    expect(done.error?.message).toMatch(/1 more that match belong to other jobs/);
    expect(done.upstreamId).toBeNull();
    expect(owner.status).toBe('completed');
  });

  it('a wrong provider key fails the job as upstream_auth naming the env var, with no key in the message', async () => {
    const done = await run(newRecord('sora-wrong-key', 'bad key'));
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('upstream_auth');
    expect(done.error?.message).toMatch(/sora-bad-key.*WRONG_KEY/);
    expect(done.error?.message).not.toContain('sk-not-the-key');
  });

  it('a 429 on create puts the job back to submit (no task exists) instead of failing it', async () => {
    const record = newRecord('sora-2', 'busy [429]');
    await store.create(record);
    await queue.add('video', { jobId: record.id }, { ...queueCatalog.video.options, jobId: record.id });
    const waiting = await waitFor(
      async () => {
        const current = await store.get(record.id);
        return current && current.attempt === 1 && current.step === 'submit' ? current : undefined;
      },
      { timeoutMs: 10_000, describe: () => 'job never went back to submit' },
    );
    expect(waiting.status).toBe('queued');
    expect(waiting.error).toBeNull();
    expect(await (await queue.getJob(record.id))?.isDelayed()).toBe(true);
    await store.update(record.id, {}, 'cancelled'); // stop it retrying for the rest of the run
  });

  it('a job still running at its deadline becomes expired, naming the deployment and the limit', async () => {
    const done = await run(newRecord('sora-impatient', 'takes too long [slow]'));
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('expired');
    expect(done.error?.message).toMatch(/sora-impatient.*did not finish the video within 0\.5 s \(job_timeout_seconds\)/);
    expect(done.pollCount).toBeGreaterThanOrEqual(1);
  });

  it('a job cancelled before submit never calls the provider', async () => {
    const creates = fake.stats().creates;
    const record = { ...newRecord('sora-2', 'never mind'), status: 'cancelled' as const };
    const done = await run(record);
    expect(done.status).toBe('cancelled');
    expect(fake.stats().creates).toBe(creates);
  });

  it('a task whose poller died mid-call is polled again once the claim runs out, by another poller', async () => {
    const record = newRecord('sora-2', 'orphaned [slow]');
    await store.create(record);
    await queue.add('video', { jobId: record.id }, { ...queueCatalog.video.options, jobId: record.id });
    await waitFor(async () => ((await polls.dueAt(queueName, record.id)) !== undefined ? true : undefined), { timeoutMs: 10_000, describe: () => 'never handed to the poll set' });

    // Stand-in for a worker that claims the task (due within 1 s: it is polled every 0.1-0.2 s)
    // until 1.5 s from now, and dies before writing its next call.
    const claimedAt = Date.now();
    await waitFor(async () => ((await polls.claimDue(queueName, { now: Date.now() + 1_000, max: 1, claimMs: 500 })).jobIds.includes(record.id) ? true : undefined), {
      timeoutMs: 5_000,
      describe: () => 'could not claim the task',
    });
    const done = await waitFor(
      async () => {
        const current = await store.get(record.id);
        return current?.status === 'completed' ? current : undefined;
      },
      { timeoutMs: 20_000, describe: () => 'the orphaned task was never polled again' },
    );
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(1_400);
    expect(done.output?.bytes).toBe(65536);
    expect(await polls.dueAt(queueName, record.id)).toBeUndefined();
  });

  it('a cancel wakes a task between status calls: it settles at once, not at its next call 30 s later', async () => {
    const record = newRecord('sora-slow-polls', 'cancel me while waiting');
    await store.create(record);
    await queue.add('video', { jobId: record.id }, { ...queueCatalog.video.options, jobId: record.id });
    const due = await waitFor(async () => polls.dueAt(queueName, record.id), { timeoutMs: 10_000, describe: () => 'never handed to the poll set' });
    expect(due).toBeGreaterThan(Date.now() + 20_000);

    // What DELETE /v1/videos/:id does.
    await store.update(record.id, { completedAt: Math.floor(Date.now() / 1000) }, 'cancelled');
    await polls.wake(queueName, record.id);
    const settled = await waitFor(
      async () => {
        const current = await store.get(record.id);
        return current?.step === 'done' ? current : undefined;
      },
      { timeoutMs: 3_000, describe: () => 'the cancelled task was not settled promptly' },
    );
    expect(settled.status).toBe('cancelled');
    expect(settled.pollCount).toBe(0);
    expect(await polls.dueAt(queueName, record.id)).toBeUndefined();
  });

  it('counts each finished job once, and every upstream call by deployment, kind and outcome', async () => {
    await counters.flush();
    const read = new CounterStore(redis, { prefix: 'proc' });
    const value = (samples: { labels: string[]; value: number }[], labels: string[]) => samples.find((s) => s.labels.join('|') === labels.join('|'))?.value ?? 0;
    const finished = await read.read('video_jobs_finished');
    expect(value(finished, ['sora-wrong-key', 'openai', 'failed', 'upstream_auth'])).toBe(1);
    expect(value(finished, ['sora-impatient', 'openai', 'failed', 'expired'])).toBe(1);
    expect(value(finished, ['sora-2', 'openai', 'completed', ''])).toBe(6); // the first test's job, the adopted one, the twins, the owner and the orphaned one
    const calls = await read.read('upstream_calls');
    expect(value(calls, ['sora-bad-key', 'create', 'upstream_auth'])).toBe(1);
    expect(value(calls, ['sora-good', 'create', 'upstream_rate_limited'])).toBeGreaterThanOrEqual(1);
    expect(value(calls, ['sora-good', 'result', 'ok'])).toBe(6);
    expect(value(calls, ['sora-good', 'status', 'ok'])).toBeGreaterThanOrEqual(2);
  });

  it('records how long each completed job took, per deployment, and learns the expected time once ten have finished', async () => {
    const seen = (await redis.lrange('proc:completion-times:{sora-good}', 0, -1)).map(Number);
    expect(seen).toHaveLength(6); // the completed jobs above; failed jobs are not counted
    for (const ms of seen) expect(ms).toBeGreaterThan(0);
    expect(await completionTimes.refresh('sora-good')).toBeUndefined();

    const times = new CompletionTimes(redis, { prefix: 'proc' });
    for (let i = 1; i <= 60; i++) await times.record('learning', i * 1_000);
    expect(await redis.llen('proc:completion-times:{learning}')).toBe(50); // the newest 50: 11 s … 60 s
    expect(times.expected('learning')).toBeUndefined(); // not read yet: the call starts a background read
    await waitFor(async () => times.expected('learning'), { timeoutMs: 2_000, describe: () => 'never learned' });
    expect(times.expected('learning')).toBe(15_000);
  });

  describe('the sweeper', () => {
    let sweeper: JobSweeper;
    beforeAll(() => {
      sweeper = new JobSweeper(ctx, redis, new Map([['openai', queue]]), { intervalMs: 60_000, graceMs: 0, prefix: 'proc' });
    });
    const completed = (id: string) =>
      waitFor(
        async () => {
          const current = await store.get(id);
          return current?.status === 'completed' && current.step === 'done' ? current : undefined;
        },
        { timeoutMs: 20_000, describe: () => `job ${id} did not complete` },
      );

    it('queues a job the api recorded but never queued (it stopped in between), and it completes', async () => {
      const record = newRecord('sora-2', 'recorded, never queued');
      await store.create(record);
      const report = await sweeper.sweep();
      expect(report.recovered).toContainEqual({ jobId: record.id, what: 'queued its submit step again' });
      expect((await completed(record.id)).output?.bytes).toBe(65536);
      expect((await sweeper.sweep()).recovered.map((r) => r.jobId)).not.toContain(record.id); // finished jobs leave the index
    });

    it('puts a task missing from its poll set back, and it completes', async () => {
      const record = newRecord('sora-slow-polls', 'lost from the poll set');
      await store.create(record);
      await queue.add('video', { jobId: record.id }, { ...queueCatalog.video.options, jobId: record.id });
      await waitFor(async () => polls.dueAt(queueName, record.id), { timeoutMs: 10_000, describe: () => 'never handed to the poll set' });
      await polls.unwatch(queueName, record.id);

      const report = await sweeper.sweep();
      expect(report.recovered).toContainEqual({ jobId: record.id, what: 'put its upstream task back in the poll set' });
      await completed(record.id);
    });

    it('settles a cancelled job whose wake-up never came, and leaves healthy jobs alone', async () => {
      const record = newRecord('sora-2', 'cancelled, then the api stopped');
      await store.create(record);
      await store.update(record.id, { completedAt: Math.floor(Date.now() / 1000) }, 'cancelled');
      const healthy = newRecord('sora-slow-polls', 'waiting for its next call');
      await store.create(healthy);
      await queue.add('video', { jobId: healthy.id }, { ...queueCatalog.video.options, jobId: healthy.id });
      await waitFor(async () => polls.dueAt(queueName, healthy.id), { timeoutMs: 10_000, describe: () => 'never handed to the poll set' });

      const report = await sweeper.sweep();
      expect(report.recovered).toContainEqual({ jobId: record.id, what: "ran the cancelled job's webhook and upstream cancel" });
      expect(report.recovered.map((r) => r.jobId)).not.toContain(healthy.id);
      expect((await store.get(record.id))?.step).toBe('done');
      await store.update(healthy.id, {}, 'cancelled'); // not left running for the rest of the file
    });
  });
});
