import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError, videoAdapters, type VideoModel } from '@reelay/providers';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';

/** reelay's OpenAI adapter against the fake, on a scripted clock so every state is exact. */

const API_KEY = 'sk-adapter-test-key-31f9';
const WRONG_KEY = 'sk-adapter-wrong-key-90aa';
const JPEG_DATA_URL = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA==';
const COMPLETE_AFTER_MS = 1000;

const clock = { nowMs: 1_795_000_000_000 };
const advance = (ms: number) => {
  clock.nowMs += ms;
};

let fake: FakeOpenAIVideos;
let hinting: FakeOpenAIVideos;
let sora: VideoModel;

beforeAll(async () => {
  const now = () => clock.nowMs;
  fake = await startFakeOpenAIVideos({ apiKey: API_KEY, completeAfterMs: COMPLETE_AFTER_MS, now });
  hinting = await startFakeOpenAIVideos({ apiKey: API_KEY, completeAfterMs: COMPLETE_AFTER_MS, pollAfterMs: 2500, now });
  sora = openai(fake, API_KEY);
});
afterAll(async () => {
  await fake.close();
  await hinting.close();
});

function openai(target: FakeOpenAIVideos, apiKey: string, model = 'sora-2'): VideoModel {
  return videoAdapters.openai!.create({ model, apiBase: target.baseUrl, apiKey, apiKeyEnv: 'OPENAI_API_KEY' });
}

async function readStream(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('OpenAI video adapter against the fake', () => {
  it('submits, polls queued → in_progress → completed, and streams the exact bytes', async () => {
    const submitted = await sora.submit({ prompt: 'a red fox', seconds: 8, size: '1280x720' });
    expect(submitted.upstreamId).toMatch(/^video_[0-9a-f]{48}$/);
    expect(submitted.warnings).toEqual([]);
    expect(fake.lastCreate()?.encoding).toBe('json');
    expect(fake.lastCreate()?.fields).toEqual({ model: 'sora-2', prompt: 'a red fox', seconds: '8', size: '1280x720' });

    expect(await sora.poll(submitted.upstreamId)).toEqual({ status: 'queued', progress: 0 });
    advance(400);
    expect(await sora.poll(submitted.upstreamId)).toEqual({ status: 'in_progress', progress: 40 });
    advance(600);
    const done = await sora.poll(submitted.upstreamId);
    // The fake keeps content a day after completion and says so in expires_at, as OpenAI does.
    expect(done).toEqual({ status: 'completed', resultRef: 'video', resultExpiresAt: expect.any(Number) });

    const result = await sora.openResult(submitted.upstreamId, 'video');
    expect(result.contentType).toBe('video/mp4');
    expect(result.contentLength).toBe(65_536);
    const bytes = await readStream(result.body);
    expect(sha256(bytes)).toBe(sha256(fake.expectedVideo(submitted.upstreamId)));
  });

  it('streams a large [bytes=N] video in full', async () => {
    const { upstreamId } = await sora.submit({ prompt: 'long take [bytes=3000017]' });
    advance(COMPLETE_AFTER_MS);
    expect(await sora.poll(upstreamId)).toMatchObject({ status: 'completed', resultRef: 'video' });
    const result = await sora.openResult(upstreamId, 'video');
    expect(result.contentLength).toBe(3_000_017);
    const bytes = await readStream(result.body);
    expect(bytes.length).toBe(3_000_017);
    expect(sha256(bytes)).toBe(sha256(fake.expectedVideo(upstreamId)));
  });

  it('surfaces openai-poll-after-ms as pollAfterMs', async () => {
    const hinted = openai(hinting, API_KEY);
    const { upstreamId } = await hinted.submit({ prompt: 'a hinted fox' });
    expect(await hinted.poll(upstreamId)).toEqual({ status: 'queued', progress: 0, pollAfterMs: 2500 });
    advance(500);
    expect(await hinted.poll(upstreamId)).toEqual({ status: 'in_progress', progress: 50, pollAfterMs: 2500 });
  });

  it('maps a [fail] job to upstream_error and a [moderation] job to content_policy_violation', async () => {
    const failing = await sora.submit({ prompt: 'breaks halfway [fail]' });
    const blocked = await sora.submit({ prompt: 'not allowed [moderation]' });
    advance(COMPLETE_AFTER_MS);

    expect(await sora.poll(failing.upstreamId)).toEqual({
      status: 'failed',
      error: { code: 'upstream_error', message: 'The video could not be generated.' },
    });
    expect(await sora.poll(blocked.upstreamId)).toEqual({
      status: 'failed',
      error: { code: 'content_policy_violation', message: 'Your request was blocked by our moderation system.' },
    });
  });

  it('turns a [429] create into a retryable upstream_rate_limited with retryAfterMs 2000', async () => {
    const before = fake.stats();
    const error = await rejection(sora.submit({ prompt: 'busy [429]' }));

    expect(error.code).toBe('upstream_rate_limited');
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
    expect(error.taskMayExist).toBe('no');
    expect(error.url).toBe(`${fake.baseUrl}/videos`);
    const after = fake.stats();
    expect(after.rateLimited - before.rateLimited).toBe(1);
    expect(after.creates).toBe(before.creates);
  });

  it('turns a [500] create into a retryable upstream_error', async () => {
    const error = await rejection(sora.submit({ prompt: 'boom [500]' }));
    expect(error.code).toBe('upstream_error');
    expect(error.statusCode).toBe(500);
    expect(error.isRetryable).toBe(true);
  });

  it('reports a wrong key as upstream_auth naming OPENAI_API_KEY, without the key', async () => {
    const before = fake.stats();
    const error = await rejection(openai(fake, WRONG_KEY).submit({ prompt: 'a fox' }));

    expect(error.code).toBe('upstream_auth');
    expect(error.statusCode).toBe(401);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe(
      'OpenAI answered 401: Incorrect API key provided: sk-...90aa. You can find your API key at https://platform.openai.com/account/api-keys. Check OPENAI_API_KEY.',
    );
    expect(error.message).not.toContain(WRONG_KEY);
    expect(error.responseBody).not.toContain(WRONG_KEY);
    expect(fake.stats().rejectedAuth - before.rejectedAuth).toBe(1);
  });

  it('sends an image as input_reference.image_url in a JSON body', async () => {
    const { upstreamId, warnings } = await sora.submit({ prompt: 'animate this', image: JPEG_DATA_URL, seed: 7 });

    expect(warnings).toEqual(['seed is not supported by OpenAI Videos and was not sent.']);
    const recorded = fake.lastCreate();
    expect(recorded?.videoId).toBe(upstreamId);
    expect(recorded?.encoding).toBe('json');
    expect(recorded?.fields).toEqual({ model: 'sora-2', prompt: 'animate this', input_reference: { image_url: JPEG_DATA_URL } });
    expect(recorded?.inputReference).toEqual({ image_url: JPEG_DATA_URL });
  });

  it('checkRequest rejects what the fake rejects, listing the allowed values', async () => {
    expect(sora.checkRequest({ prompt: 'x', seconds: 5 })).toEqual({
      errors: [{ param: 'seconds', message: 'sora-2 takes seconds 4, 8, 12, 16, 20; got 5.' }],
      warnings: [],
    });
    expect(sora.checkRequest({ prompt: 'x', size: '1920x1080' })).toEqual({
      errors: [
        { param: 'size', message: 'sora-2 takes size 720x1280, 1280x720; got 1920x1080. Larger sizes need sora-2-pro.' },
      ],
      warnings: [],
    });
    expect(openai(fake, API_KEY, 'sora-2-pro').checkRequest({ prompt: 'x', size: '1920x1080', seconds: 20 })).toEqual({
      errors: [],
      warnings: [],
    });

    // The fake agrees: were the check skipped, the upstream answers a non-retryable 400.
    const seconds = await rejection(sora.submit({ prompt: 'x', seconds: 5 }));
    expect(seconds).toMatchObject({ code: 'invalid_request', statusCode: 400, isRetryable: false });
    expect(seconds.message).toBe(
      "OpenAI answered 400: Invalid value: '5'. Supported values are: '4', '8', '12', '16', and '20'.",
    );
    const size = await rejection(sora.submit({ prompt: 'x', size: '1920x1080' }));
    expect(size.message).toBe(
      "OpenAI answered 400: Invalid value: '1920x1080'. Supported values for sora-2 are: '720x1280' and '1280x720'.",
    );
  });

  it('reports an unknown id as a non-retryable invalid_request and refuses content before completion', async () => {
    const unknown = await rejection(sora.poll('video_does_not_exist'));
    expect(unknown).toMatchObject({ code: 'invalid_request', statusCode: 404, isRetryable: false });

    const { upstreamId } = await sora.submit({ prompt: 'not yet' });
    const early = await rejection(sora.openResult(upstreamId, 'video'));
    expect(early).toMatchObject({ code: 'invalid_request', statusCode: 400 });
    expect(early.message).toBe(`OpenAI answered 400: Video '${upstreamId}' is not ready yet: its status is queued.`);
  });
});
