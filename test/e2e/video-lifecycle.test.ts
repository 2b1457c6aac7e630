import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createObjectStorage } from '@reelay/storage';
import { authedFetch, startGateway, type Gateway } from '../support/gateway';
import { waitFor } from '../support/processes';
import { startWebhookReceiver } from '../support/webhook-receiver';

let gateway: Gateway;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ failFirstPaths: ['/flaky'] });
  gateway = await startGateway({ redisDb: 1, completeAfterMs: 2000 });
});
afterAll(async () => {
  await gateway?.stop();
  await receiver?.close();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function getJob(path: string) {
  const response = await authedFetch(gateway.baseUrl, path);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

/** Polls a job until it is terminal, recording every status seen on the way. */
async function followJob(id: string, timeoutMs = 60_000) {
  const seen: string[] = [];
  const job = await waitFor(
    async () => {
      const current = await getJob(`/v1/video/generations/${id}`);
      if (seen.at(-1) !== current.status) seen.push(current.status);
      return ['completed', 'failed', 'cancelled'].includes(current.status) ? current : undefined;
    },
    { timeoutMs, intervalMs: 100, describe: () => `job ${id} never finished; statuses seen: ${seen.join(' → ')}\nworker output:\n${gateway.worker.output()}` },
  );
  return { job, seen };
}

function webhooksFor(jobId: string) {
  return receiver.received.filter((hook) => JSON.parse(hook.rawBody).data.id === jobId);
}

describe('one video job end to end (api + worker processes, Redis, S3, fake Sora)', () => {
  it('the worker answers its health probes on WORKER_HEALTH_PORT, naming its queues', async () => {
    const base = `http://127.0.0.1:${gateway.env.WORKER_HEALTH_PORT}`;
    const ready = await waitFor(async () => fetch(`${base}/health/readiness`).then((r) => (r.ok ? r : undefined), () => undefined), {
      timeoutMs: 15_000,
      describe: () => `worker health never answered; worker output:\n${gateway.worker.output()}`,
    });
    const body = (await ready.json()) as { status: string; redis: string; queues: string[] };
    expect(body).toMatchObject({ status: 'healthy', redis: 'connected' });
    expect(body.queues).toEqual(expect.arrayContaining(['video-openai', 'video-gemini', 'video-dashscope', 'video-volcengine', 'video-byteplus', 'webhooks']));
    expect(await (await fetch(`${base}/health/liveliness`)).json()).toEqual({ status: 'alive' });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('202 + Location, queued → in_progress → completed, MP4 in S3, content streams, signed webhooks', async () => {
    const created = await authedFetch(gateway.baseUrl, '/v1/video/generations', {
      json: { model: 'sora-2', prompt: 'a lighthouse at dawn', seconds: 4, callback_url: receiver.url('/hooks'), metadata: { campaign: 'spring' } },
    });
    expect(created.status).toBe(202);
    const job = (await created.json()) as Record<string, any>;
    expect(job).toMatchObject({ object: 'video', status: 'queued', model: 'sora-2', prompt: 'a lighthouse at dawn', seconds: '4', metadata: { campaign: 'spring' }, error: null, output: null });
    expect(job.id).toMatch(/^video_[a-f0-9]{24}$/);
    expect(created.headers.get('location')).toBe(`${gateway.baseUrl}/v1/video/generations/${job.id}`);

    const { job: done, seen } = await followJob(job.id);
    expect(seen).toEqual(['queued', 'in_progress', 'completed']);
    expect(done.progress).toBe(100);
    expect(done.completed_at).toBeGreaterThanOrEqual(done.created_at);

    // The same object is served under /v1/jobs/:id.
    const viaJobs = await getJob(`/v1/jobs/${job.id}`);
    expect(viaJobs.status).toBe('completed');
    expect(viaJobs.output.sha256).toBe(done.output.sha256);

    // The stored MP4 is exactly what the provider produced.
    const s3 = inject('s3');
    const storage = createObjectStorage({ ...s3, forcePathStyle: true });
    const object = await storage.openObject(`videos/${job.id}.mp4`);
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(chunk as Buffer);
    const stored = Buffer.concat(chunks);
    storage.close();
    expect(done.output).toMatchObject({ content_type: 'video/mp4', bytes: stored.length, sha256: sha256(stored) });
    expect(stored.subarray(4, 8).toString()).toBe('ftyp');

    // output.url (presigned) and /v1/videos/:id/content serve the same bytes.
    const presigned = Buffer.from(await (await fetch(done.output.url)).arrayBuffer());
    expect(sha256(presigned)).toBe(done.output.sha256);
    const content = await authedFetch(gateway.baseUrl, `/v1/videos/${job.id}/content`);
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('video/mp4');
    expect(sha256(Buffer.from(await content.arrayBuffer()))).toBe(done.output.sha256);

    // Webhooks: in_progress then completed, each verifying with the standardwebhooks package.
    const hooks = await waitFor(() => {
      const list = webhooksFor(job.id);
      return list.some((h) => JSON.parse(h.rawBody).type === 'video.completed') ? list : undefined;
    }, { timeoutMs: 15_000, describe: () => `no video.completed webhook; got ${JSON.stringify(webhooksFor(job.id).map((h) => h.rawBody))}` });
    const verifier = new Webhook(gateway.env.WEBHOOK_SECRET!);
    const types = hooks.map((hook) => {
      const payload = verifier.verify(hook.rawBody, hook.headers as Record<string, string>) as Record<string, any>;
      expect(hook.path).toBe('/hooks');
      return payload.type;
    });
    expect(types).toEqual(['video.in_progress', 'video.completed']);
    const completed = JSON.parse(hooks[1]!.rawBody);
    expect(completed.data).toMatchObject({ id: job.id, status: 'completed', output: { sha256: done.output.sha256, bytes: done.output.bytes } });
    expect(() => verifier.verify(hooks[1]!.rawBody.replace('completed', 'failed'), hooks[1]!.headers as Record<string, string>)).toThrow();
  });

  it('a receiver that answers 500 gets the same event again later, with the same webhook-id', async () => {
    const created = await authedFetch(gateway.baseUrl, '/v1/video/generations', {
      json: { model: 'sora-2', prompt: 'retry me', callback_url: receiver.url('/flaky') },
    });
    const { id } = (await created.json()) as { id: string };
    await followJob(id);
    const deliveries = await waitFor(() => {
      const list = webhooksFor(id).filter((h) => JSON.parse(h.rawBody).type === 'video.completed');
      return list.length >= 2 ? list : undefined;
    }, { timeoutMs: 20_000, describe: () => `completed event not retried; deliveries: ${webhooksFor(id).map((h) => `${JSON.parse(h.rawBody).type}:${h.status}`).join(', ')}` });
    expect(deliveries[0]!.status).toBe(500);
    expect(deliveries[1]!.status).toBe(204);
    expect(deliveries[1]!.headers['webhook-id']).toBe(deliveries[0]!.headers['webhook-id']);
    expect(deliveries[1]!.rawBody).toBe(deliveries[0]!.rawBody);
    // Standard Webhooks schedule: the first retry comes about 5 s later.
    expect(deliveries[1]!.receivedAt - deliveries[0]!.receivedAt).toBeGreaterThanOrEqual(4_500);
    new Webhook(gateway.env.WEBHOOK_SECRET!).verify(deliveries[1]!.rawBody, deliveries[1]!.headers as Record<string, string>);

    // Operators see the failed attempt in /metrics (workers write their counts every 5 s).
    const failedAttempts = await waitFor(
      async () => {
        const text = await (await authedFetch(gateway.baseUrl, '/metrics')).text();
        const line = text.split('\n').find((l) => l.startsWith('reelay_webhook_attempts_total{type="video.completed",outcome="failed"} '));
        return line ? Number(line.split(' ').at(-1)) : undefined;
      },
      { timeoutMs: 10_000, describe: () => 'no failed webhook attempt in /metrics' },
    );
    expect(failedAttempts).toBeGreaterThanOrEqual(1);
  });

  it('a provider failure gives a failed job with a code and a video.failed webhook', async () => {
    const created = await authedFetch(gateway.baseUrl, '/v1/video/generations', {
      json: { model: 'sora-2', prompt: 'please [moderation] this', callback_url: receiver.url('/hooks') },
    });
    const { id } = (await created.json()) as { id: string };
    const { job } = await followJob(id);
    expect(job.status).toBe('failed');
    expect(job.error).toEqual({ code: 'content_policy_violation', message: 'Your request was blocked by our moderation system.' });
    expect(job.output).toBeNull();
    const failedHook = await waitFor(() => webhooksFor(id).find((h) => JSON.parse(h.rawBody).type === 'video.failed'), {
      timeoutMs: 15_000,
      describe: () => 'no video.failed webhook',
    });
    expect(JSON.parse(failedHook.rawBody).data.error.code).toBe('content_policy_violation');
  });

  it('cancelling a running job stops it, sends video.cancelled, and never completes it', async () => {
    const created = await authedFetch(gateway.baseUrl, '/v1/video/generations', {
      json: { model: 'sora-2', prompt: 'cancel me [slow]', callback_url: receiver.url('/hooks') },
    });
    const { id } = (await created.json()) as { id: string };
    await waitFor(async () => ((await getJob(`/v1/jobs/${id}`)).status === 'in_progress' ? true : undefined), { timeoutMs: 20_000, describe: () => 'never in_progress' });
    const cancelled = await authedFetch(gateway.baseUrl, `/v1/videos/${id}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { status: string }).status).toBe('cancelled');
    await waitFor(() => webhooksFor(id).find((h) => JSON.parse(h.rawBody).type === 'video.cancelled'), { timeoutMs: 15_000, describe: () => 'no video.cancelled webhook' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await getJob(`/v1/jobs/${id}`)).status).toBe('cancelled');
    const content = await authedFetch(gateway.baseUrl, `/v1/videos/${id}/content`);
    expect(content.status).toBe(409);
  });

  it('a worker SIGKILLed while a job is polling: a new worker completes it with exactly one upstream create', async () => {
    const createsBefore = gateway.fake.stats().creates;
    const created = await authedFetch(gateway.baseUrl, '/v1/video/generations', { json: { model: 'sora-2', prompt: 'survive a crash [slow]' } });
    const { id } = (await created.json()) as { id: string };
    await waitFor(async () => ((await getJob(`/v1/jobs/${id}`)).status === 'in_progress' ? true : undefined), { timeoutMs: 20_000, describe: () => 'never in_progress' });

    await gateway.worker.stop('SIGKILL');
    expect(gateway.worker.child.signalCode ?? 'SIGKILL').toBe('SIGKILL');
    const replacement = await gateway.startWorker();
    const { job } = await followJob(id, 120_000);

    expect(job.status).toBe('completed');
    expect(gateway.fake.stats().creates - createsBefore).toBe(1);
    expect(replacement.child.exitCode).toBeNull();
  });

  it('a worker SIGKILLed inside the paid create: the replacement finds the task it made and completes it, with one create', async () => {
    const createsBefore = gateway.fake.stats().creates;
    gateway.fake.setCreateDelay(60_000); // the vendor makes the task, then answers too late for the worker
    const created = await authedFetch(gateway.baseUrl, '/v1/video/generations', { json: { model: 'sora-2', prompt: 'paid, then the worker died', seconds: 4 } });
    const { id } = (await created.json()) as { id: string };
    await waitFor(() => (gateway.fake.stats().creates > createsBefore ? true : undefined), { timeoutMs: 20_000, describe: () => 'the create never reached the fake' });

    await gateway.killWorkers();
    gateway.fake.setCreateDelay(0);
    await gateway.startWorker();
    const { job } = await followJob(id, 150_000);

    expect(job.status).toBe('completed');
    expect(job.routing?.upstream_id).toBe(gateway.fake.lastCreate()?.videoId);
    expect(gateway.fake.stats().creates - createsBefore).toBe(1);
  });
});
