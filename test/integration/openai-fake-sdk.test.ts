import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI, { toFile } from 'openai';
import OpenAIJson from 'openai-json-era';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';

/**
 * The fake is only worth something if the official SDKs accept it: 6.49.0 sends every
 * create as multipart, 6.27.0 sends JSON (providers.md §1 "Content type").
 */

const API_KEY = 'sk-fake-sdk-test-key-4c1d';
const WRONG_KEY = 'sk-not-the-right-key-b7e2';
const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

type ErrorClass = new (...args: never[]) => Error;

interface SdkUnderTest {
  label: string;
  encoding: 'multipart' | 'json';
  contentTypePrefix: string;
  /**
   * Both versions share the videos surface used here (create, retrieve, list, delete,
   * downloadContent); only the create encoding differs, so 6.27.0 is typed as 6.49.0.
   */
  client: (apiKey: string, baseURL: string) => OpenAI;
  errors: { AuthenticationError: ErrorClass; RateLimitError: ErrorClass; BadRequestError: ErrorClass; NotFoundError: ErrorClass };
}

const sdks: SdkUnderTest[] = [
  {
    label: 'openai 6.49.0 (multipart create)',
    encoding: 'multipart',
    contentTypePrefix: 'multipart/form-data; boundary=',
    client: (apiKey, baseURL) => new OpenAI({ apiKey, baseURL, maxRetries: 0 }),
    errors: OpenAI,
  },
  {
    label: 'openai 6.27.0 (JSON create)',
    encoding: 'json',
    contentTypePrefix: 'application/json',
    client: (apiKey, baseURL) => new OpenAIJson({ apiKey, baseURL, maxRetries: 0 }) as unknown as OpenAI,
    errors: OpenAIJson,
  },
];

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function waitForTerminal(client: OpenAI, id: string, timeoutMs = 10_000): Promise<OpenAI.Videos.Video> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const video = await client.videos.retrieve(id);
    if (video.status === 'completed' || video.status === 'failed') return video;
    if (Date.now() > deadline) throw new Error(`video ${id} still ${video.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

describe.each(sdks)('fake OpenAI Videos with $label', (sdk) => {
  let fake: FakeOpenAIVideos;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAIVideos({ apiKey: API_KEY, completeAfterMs: 300 });
    client = sdk.client(API_KEY, fake.baseUrl);
  });
  afterAll(() => fake.close());

  it('creates, reports progress until completed, and serves the exact MP4 bytes', async () => {
    const before = fake.stats();
    const created = await client.videos.create({ model: 'sora-2', prompt: 'a fox in the snow', seconds: '4', size: '1280x720' });

    expect(created.id).toMatch(/^video_[0-9a-f]{48}$/);
    expect(created).toEqual({
      id: created.id,
      object: 'video',
      status: 'queued',
      progress: 0,
      model: 'sora-2',
      prompt: 'a fox in the snow',
      seconds: '4',
      size: '1280x720',
      created_at: expect.any(Number),
      completed_at: null,
      expires_at: null,
      remixed_from_video_id: null,
      error: null,
    });
    const recorded = fake.lastCreate();
    expect(recorded?.encoding).toBe(sdk.encoding);
    expect(recorded?.contentType.startsWith(sdk.contentTypePrefix)).toBe(true);
    expect(recorded?.fields).toEqual({ model: 'sora-2', prompt: 'a fox in the snow', seconds: '4', size: '1280x720' });
    expect(recorded?.videoId).toBe(created.id);

    const done = await waitForTerminal(client, created.id);
    expect(done.status).toBe('completed');
    expect(done.progress).toBe(100);
    expect(done.error).toBeNull();
    expect(done.completed_at).toBeGreaterThanOrEqual(created.created_at);
    expect(done.expires_at).toBe((done.completed_at ?? 0) + 86_400);

    const response = await client.videos.downloadContent(created.id);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe('65536');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(65_536);
    expect(bytes.subarray(4, 12).toString('latin1')).toBe('ftypisom');
    expect(sha256(bytes)).toBe(sha256(fake.expectedVideo(created.id)));

    const after = fake.stats();
    expect(after.creates - before.creates).toBe(1);
    expect(after.contentDownloads - before.contentDownloads).toBe(1);
    expect(after.retrieves - before.retrieves).toBeGreaterThanOrEqual(1);
  });

  it('accepts input_reference as {image_url} with a base64 data URL', async () => {
    const inputReference = { image_url: PNG_DATA_URL };
    const created = await client.videos.create({
      prompt: 'animate this pixel',
      // 6.27.0 types input_reference as a file only, but the API takes the object too.
      input_reference: inputReference as OpenAI.Videos.ImageInputReferenceParam,
    });

    expect(created.status).toBe('queued');
    expect(created.seconds).toBe('4');
    expect(created.size).toBe('720x1280');
    const recorded = fake.lastCreate();
    expect(recorded?.inputReference).toEqual({ image_url: PNG_DATA_URL });
    if (sdk.encoding === 'multipart') {
      expect(recorded?.fields['input_reference[image_url]']).toBe(PNG_DATA_URL);
    } else {
      expect(recorded?.fields.input_reference).toEqual({ image_url: PNG_DATA_URL });
    }
  });

  it('accepts input_reference as an uploaded image file (multipart in both versions)', async () => {
    const png = Buffer.from(PNG_DATA_URL.split(',')[1] ?? '', 'base64');
    const created = await client.videos.create({
      prompt: 'animate this file',
      input_reference: await toFile(png, 'reference.png', { type: 'image/png' }),
    });

    expect(created.status).toBe('queued');
    const recorded = fake.lastCreate();
    expect(recorded?.encoding).toBe('multipart');
    expect(recorded?.inputReference).toEqual({
      file: { field: 'input_reference', filename: 'reference.png', mimeType: 'image/png', bytes: png.length, sha256: sha256(png) },
    });
  });

  it('rejects a wrong key with AuthenticationError invalid_api_key and never echoes the key', async () => {
    const before = fake.stats();
    const wrong = sdk.client(WRONG_KEY, fake.baseUrl);
    const error = await wrong.videos.create({ prompt: 'anything' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(sdk.errors.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
    expect((error as Error).message).toContain('Incorrect API key provided: sk-...b7e2.');
    expect((error as Error).message).not.toContain(WRONG_KEY);

    const download = await wrong.videos.downloadContent('video_anything').catch((caught: unknown) => caught);
    expect(download).toBeInstanceOf(sdk.errors.AuthenticationError);
    const after = fake.stats();
    expect(after.rejectedAuth - before.rejectedAuth).toBe(2);
    expect(after.creates).toBe(before.creates);
  });

  it('answers [429] with RateLimitError and Retry-After: 2, without making a job', async () => {
    const before = fake.stats();
    const error = await client.videos.create({ prompt: '[429] too many' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(sdk.errors.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
    expect((error as { headers: Headers }).headers.get('retry-after')).toBe('2');
    const after = fake.stats();
    expect(after.rateLimited - before.rateLimited).toBe(1);
    expect(after.creates).toBe(before.creates);
  });

  it('ends a [fail] job as failed with error.code internal_error', async () => {
    const created = await client.videos.create({ prompt: 'this one breaks [fail]' });
    const done = await waitForTerminal(client, created.id);

    expect(done.status).toBe('failed');
    expect(done.error).toEqual({ code: 'internal_error', message: 'The video could not be generated.' });
    expect(done.completed_at).toBeNull();
    const error = await client.videos.downloadContent(created.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(sdk.errors.BadRequestError);
  });

  it('rejects seconds outside 4|8|12|16|20 with a 400 naming the param', async () => {
    const error = await client.videos
      .create({ prompt: 'too long', seconds: '5' as OpenAI.Videos.VideoSeconds })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(sdk.errors.BadRequestError);
    expect(error).toMatchObject({ status: 400, param: 'seconds', type: 'invalid_request_error', code: null });
    expect((error as Error).message).toContain("Invalid value: '5'. Supported values are: '4', '8', '12', '16', and '20'.");
  });

  it('lists with a cursor and deletes', async () => {
    const first = await client.videos.create({ prompt: 'list one' });
    const second = await client.videos.create({ prompt: 'list two' });

    const newest = await client.videos.list({ limit: 1 });
    expect(newest.data.map((video) => video.id)).toEqual([second.id]);
    expect(newest.has_more).toBe(true);
    const next = await client.videos.list({ limit: 1, after: second.id });
    expect(next.data.map((video) => video.id)).toEqual([first.id]);

    const deleted = await client.videos.delete(first.id);
    expect(deleted).toEqual({ id: first.id, object: 'video.deleted', deleted: true });
    const gone = await client.videos.retrieve(first.id).catch((caught: unknown) => caught);
    expect(gone).toBeInstanceOf(sdk.errors.NotFoundError);
  });
});
