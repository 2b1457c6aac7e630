import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicVideo } from '@reelay/jobs';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { startDemoStack, type DemoStack } from '../support/demo-stack';
import { FAKE_KEY, authedFetch } from '../support/gateway';
import { waitFor } from '../support/processes';
import { freshRedisUrl } from '../support/redis';
import { startOutageS3Server, type OutageS3Server } from '../support/s3-server';

/**
 * Issue 9 §1: S3 stopped while jobs were finishing failed every one of them with
 * storage_error, though they were paid for and the provider kept the video for hours. Now the
 * upload waits (holding no worker slot) and the job stays in_progress, and once S3 is back
 * every job completes with the provider's exact bytes.
 */
const JOBS = 8;
const OUTAGE_MS = 35_000;
let s3: OutageS3Server;
let fake: FakeOpenAIVideos;
let stack: DemoStack;
let baseUrl: string;

beforeAll(async () => {
  s3 = await startOutageS3Server();
  fake = await startFakeOpenAIVideos({ apiKey: FAKE_KEY, completeAfterMs: 2_500 });
  // Shares db 9 with the other failover-style e2e files; e2e files run one at a time.
  stack = await startDemoStack({ redisUrl: await freshRedisUrl(9), s3, openaiBaseUrl: fake.baseUrl });
  baseUrl = stack.baseUrl;
});
afterAll(async () => {
  await stack?.stop();
  await fake?.close();
  await s3?.stop();
});

const job = async (id: string) => (await (await authedFetch(baseUrl, `/v1/jobs/${id}`)).json()) as PublicVideo;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const output = () => `--- worker ---\n${stack.worker.output().slice(-3000)}`;

async function metric(name: string): Promise<number> {
  const text = await (await authedFetch(baseUrl, '/metrics')).text();
  return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
}

describe('an S3 outage while videos finish', () => {
  it('loses no job: uploads wait while S3 is down, and every job completes with the provider’s bytes', async () => {
    const ids = await Promise.all(
      Array.from({ length: JOBS }, async (_, n) => {
        const response = await authedFetch(baseUrl, '/v1/video/generations', { json: { model: 'sora-2', prompt: `clip ${n}`, seconds: 4 } });
        expect(response.status).toBe(202);
        return ((await response.json()) as { id: string }).id;
      }),
    );
    await waitFor(async () => ((await Promise.all(ids.map(job))).every((j) => j.routing?.upstream_id) ? true : undefined), {
      timeoutMs: 20_000,
      describe: () => `not every job was submitted\n${output()}`,
    });
    await s3.down();
    const downAt = Date.now();

    // The provider finishes every video while S3 is away: the uploads wait, nothing fails.
    await waitFor(async () => ((await metric('reelay_video_uploads_waiting')) === JOBS ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 250,
      describe: () => `/metrics never showed ${JOBS} uploads waiting\n${output()}`,
    });
    const during = await Promise.all(ids.map(job));
    expect(during.map((j) => j.status)).toEqual(ids.map(() => 'in_progress'));
    // Longer than BullMQ's five attempts (2 + 4 + 8 + 16 s), after which every job used to fail.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));

    await s3.up();
    const done = await waitFor(
      async () => {
        const jobs = await Promise.all(ids.map(job));
        return jobs.every((j) => j.status === 'completed' || j.status === 'failed') ? jobs : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, describe: () => `jobs did not finish after S3 came back\n${output()}` },
    );
    expect(done.map((j) => [j.status, j.error?.code ?? null])).toEqual(ids.map(() => ['completed', null]));
    for (const finished of done) {
      const expected = fake.expectedVideo(finished.routing!.upstream_id!);
      expect(finished.output?.sha256).toBe(sha256(expected));
      const content = Buffer.from(await (await authedFetch(baseUrl, `/v1/videos/${finished.id}/content`)).arrayBuffer());
      expect(sha256(content)).toBe(sha256(expected));
    }
    expect(fake.stats().creates).toBe(JOBS);
    expect(await metric('reelay_video_uploads_waiting')).toBe(0);
    expect(stack.worker.output()).toMatch(/could not store the finished video; trying again/);
    console.log(`s3-outage: S3 down ${OUTAGE_MS / 1000} s with ${JOBS} videos finishing; all ${JOBS} completed ${((Date.now() - downAt) / 1000).toFixed(0)} s after it went down, 0 failed, ${fake.stats().creates} creates`);
  });
});
