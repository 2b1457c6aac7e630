import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import OpenAIJsonEra from 'openai-json-era';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY, startGateway, type Gateway } from '../support/gateway';
import { waitFor } from '../support/processes';

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway({ redisDb: 3, completeAfterMs: 1500 });
});
afterAll(async () => {
  await gateway?.stop();
});

/** A 1×1 PNG, the smallest image-to-video reference. */
const PNG_1X1 = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const clients = [
  ['openai 6.49.0 (multipart create)', () => new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 }), 'multipart/form-data'],
  ['openai 6.27.0 (JSON create)', () => new OpenAIJsonEra({ apiKey: MASTER_KEY, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 }), 'application/json'],
] as const;

describe.each(clients)('the %s client works unchanged against /v1', (_label, makeClient) => {
  it('videos.create → retrieve until completed → downloadContent gives the stored MP4', async () => {
    const client = makeClient() as OpenAI;
    const video = await client.videos.create({ model: 'sora-2', prompt: 'a paper boat on a river', seconds: '4', size: '1280x720' });
    expect(video.status).toBe('queued');
    expect(video.id).toMatch(/^video_/);

    const done = await waitFor(
      async () => {
        const current = await client.videos.retrieve(video.id);
        return current.status === 'completed' || current.status === 'failed' ? current : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, describe: () => `video ${video.id} did not finish\n${gateway.worker.output()}` },
    );
    expect(done.status).toBe('completed');
    expect(done.progress).toBe(100);
    expect(done.seconds).toBe('4');
    expect(done.size).toBe('1280x720');

    const response = await client.videos.downloadContent(video.id);
    const bytes = Buffer.from(await response.arrayBuffer());
    const output = (done as unknown as { output: { sha256: string; bytes: number } }).output;
    expect(bytes.length).toBe(output.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(output.sha256);
    // Our gateway always talks JSON to the upstream, whatever the client sent us.
    expect(gateway.fake.lastCreate()?.contentType).toMatch(/^application\/json/);
  });

  it('image-to-video: input_reference.image_url reaches the provider', async () => {
    const client = makeClient() as OpenAI;
    const video = await client.videos.create({ model: 'sora-2', prompt: 'animate this', input_reference: { image_url: PNG_1X1 } } as never);
    expect(video.status).toBe('queued');
    await waitFor(() => (gateway.fake.lastCreate()?.fields.prompt === 'animate this' ? true : undefined), {
      timeoutMs: 15_000,
      describe: () => 'the create never reached the fake',
    });
    expect(gateway.fake.lastCreate()?.inputReference).toEqual({ image_url: PNG_1X1 });
  });

  it('a wrong key is an AuthenticationError, an unknown video a NotFoundError', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
    await expect(bad.videos.create({ model: 'sora-2', prompt: 'x' })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    const client = makeClient() as OpenAI;
    await expect(client.videos.retrieve('video_000000000000000000000000')).rejects.toMatchObject({ status: 404, code: 'video_not_found' });
  });
});

describe('listing and deleting with the openai client', () => {
  it('videos.list pages with a cursor and videos.delete removes a finished video', async () => {
    const client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
    const ids: string[] = [];
    for await (const video of client.videos.list({ limit: 2 })) ids.push(video.id);
    expect(ids.length).toBeGreaterThanOrEqual(4); // the jobs of the tests above, over several pages
    expect(new Set(ids).size).toBe(ids.length);

    const finished = await waitFor(async () => {
      for await (const video of client.videos.list({ limit: 100 })) if (video.status === 'completed') return video;
      return undefined;
    }, { timeoutMs: 30_000, describe: () => 'no completed video to delete' });
    const deleted = await client.videos.delete(finished.id);
    expect(deleted).toEqual({ id: finished.id, object: 'video.deleted', deleted: true });
    await expect(client.videos.retrieve(finished.id)).rejects.toMatchObject({ status: 404 });
  });
});
