import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createObjectStorage } from '@reelay/storage';
import { authedFetch, startGateway, type Gateway } from '../support/gateway';
import { waitFor } from '../support/processes';
import { startWebhookReceiver } from '../support/webhook-receiver';

/** One model per provider, as users write them (infra/config/demo.yaml). */
const MODELS = [
  { model: 'sora-2', provider: 'openai' },
  { model: 'veo-3.1-generate-preview', provider: 'gemini' },
  { model: 'wan2.6-t2v', provider: 'dashscope' },
  { model: 'doubao-seedance-1-5-pro-251215', provider: 'volcengine' },
  { model: 'seedance-1-0-pro-250528', provider: 'byteplus' },
] as const;

let gateway: Gateway;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  gateway = await startGateway({ redisDb: 6, completeAfterMs: 1500 });
});
afterAll(async () => {
  await gateway?.stop();
  await receiver?.close();
});

type Job = Record<string, any>;

async function create(body: Record<string, unknown>): Promise<string> {
  const response = await authedFetch(gateway.baseUrl, '/v1/video/generations', { json: body });
  const job = (await response.json()) as Job;
  expect(response.status, JSON.stringify(job)).toBe(202);
  return job.id as string;
}

async function finished(id: string): Promise<Job> {
  return waitFor(
    async () => {
      const job = (await (await authedFetch(gateway.baseUrl, `/v1/jobs/${id}`)).json()) as Job;
      return ['completed', 'failed', 'cancelled'].includes(job.status) ? job : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 150, describe: () => `job ${id} did not finish\n${gateway.worker.output().slice(-3000)}` },
  );
}

async function webhook(id: string, type: string) {
  const hook = await waitFor(() => receiver.received.find((h) => JSON.parse(h.rawBody).data.id === id && JSON.parse(h.rawBody).type === type), {
    timeoutMs: 15_000,
    describe: () => `no ${type} webhook for ${id}`,
  });
  return new Webhook(gateway.env.WEBHOOK_SECRET!).verify(hook.rawBody, hook.headers as Record<string, string>) as { type: string; data: Job };
}

function upstreamVideo(provider: string, upstreamId: string): Buffer {
  return provider === 'openai' ? gateway.fake.expectedVideo(upstreamId) : gateway.fakes[provider]!.expectedVideo(upstreamId);
}

describe.each(MODELS)('$model ($provider) through POST /v1/video/generations', ({ model, provider }) => {
  it('completes, stores the provider’s exact MP4 in S3, and sends a verified video.completed', async () => {
    const id = await create({ model, prompt: `a glass of water on a table, ${provider}`, callback_url: receiver.url('/hooks') });
    const job = await finished(id);
    expect(job.status, JSON.stringify(job.error)).toBe('completed');
    expect(job.routing).toMatchObject({ provider, attempts: 1 });

    const storage = createObjectStorage({ ...inject('s3'), forcePathStyle: true });
    const object = await storage.openObject(`videos/${id}.mp4`);
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(chunk as Buffer);
    storage.close();
    const stored = Buffer.concat(chunks);
    expect(sha256(stored)).toBe(sha256(upstreamVideo(provider, job.routing.upstream_id)));
    expect(job.output).toMatchObject({ bytes: stored.length, sha256: sha256(stored) });

    const event = await webhook(id, 'video.completed');
    expect(event.data).toMatchObject({ id, status: 'completed', output: { sha256: sha256(stored) } });
  });

  it('a failing prompt gives failed with a code and a video.failed webhook', async () => {
    const id = await create({ model, prompt: `this breaks [fail] ${provider}`, callback_url: receiver.url('/hooks') });
    const job = await finished(id);
    expect(job.status).toBe('failed');
    expect(job.error.code).toMatch(/^(upstream_error|invalid_request)$/);
    expect(job.error.message.length).toBeGreaterThan(5);
    const event = await webhook(id, 'video.failed');
    expect(event.data.error).toEqual(job.error);
  });
});

describe('cancel where the vendor can', () => {
  it('DELETE on a queued Wan job cancels it at DashScope and sends video.cancelled', async () => {
    const before = gateway.fakes.dashscope!.stats().cancels;
    const id = await create({ model: 'wan2.6-t2v', prompt: 'cancel me at the provider [slow]', callback_url: receiver.url('/hooks') });
    await waitFor(
      async () => {
        const job = (await (await authedFetch(gateway.baseUrl, `/v1/jobs/${id}`)).json()) as Job;
        return job.routing?.upstream_id ? job : undefined;
      },
      { timeoutMs: 20_000, describe: () => 'never submitted' },
    );
    const response = await authedFetch(gateway.baseUrl, `/v1/videos/${id}`, { method: 'DELETE' });
    expect(((await response.json()) as Job).status).toBe('cancelled');
    await webhook(id, 'video.cancelled');
    await waitFor(() => (gateway.fakes.dashscope!.stats().cancels === before + 1 ? true : undefined), {
      timeoutMs: 10_000,
      describe: () => `DashScope saw ${gateway.fakes.dashscope!.stats().cancels - before} cancels`,
    });
  });
});
