import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError, videoAdapters, type PollResult, type VideoModel } from '@reelay/providers';
import type { VideoFake } from '../fakes/video-fake';
import { videoFakes } from '../fakes/video-fakes';

/**
 * The contract every video adapter keeps, run against its fake. A provider with a video
 * adapter and no fake fails here, so a new adapter cannot skip its fake.
 */
const videoProviders = Object.keys(videoAdapters);
/** The adapters that can find a lost create in their vendor's task list. */
const SEARCHABLE = new Set(videoProviders.filter((provider) => videoAdapters[provider]!.create({ model: 'probe' }).findCreatedTask !== undefined));

const API_KEY = 'sk-contract-test-key';
/** A 1×1 PNG. */
const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('every provider with a video adapter has a fake', () => {
  it.each(videoProviders)('%s', (provider) => {
    expect(videoFakes[provider]?.start, `add a fake for ${provider} to test/fakes/video-fakes.ts`).toBeTypeOf('function');
  });
});

describe.each(videoProviders)('video adapter contract: %s', (provider) => {
  let fake: VideoFake;
  let model: VideoModel;

  beforeAll(async () => {
    fake = await videoFakes[provider]!.start({ apiKey: API_KEY, completeAfterMs: 400 });
    model = adapter(fake, API_KEY);
  });
  afterAll(async () => {
    await fake?.close();
  });

  function adapter(target: VideoFake, apiKey: string, vendorModel = target.models[0]!): VideoModel {
    return videoAdapters[provider]!.create({
      model: vendorModel,
      apiBase: target.apiBase,
      apiKey,
      apiKeyEnv: 'CONTRACT_TEST_KEY',
      pollSchedule: { initialDelayMs: 50, minDelayMs: 20, maxDelayMs: 100 },
    });
  }

  /** Polls like the worker does, with short sleeps, until a terminal result. */
  async function pollToEnd(upstreamId: string): Promise<{ result: PollResult; statuses: string[] }> {
    const statuses: string[] = [];
    for (let i = 0; i < 200; i++) {
      const result = await model.poll(upstreamId);
      if (statuses.at(-1) !== result.status) statuses.push(result.status);
      if (result.status === 'completed' || result.status === 'failed') return { result, statuses };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`task ${upstreamId} never finished; statuses ${statuses.join(' → ')}`);
  }

  it('submit → poll to completed → the result stream is the exact video', async () => {
    const { upstreamId, warnings } = await model.submit({ prompt: 'a red kite over the sea' });
    expect(upstreamId).toBeTruthy();
    expect(warnings).toEqual([]);
    expect(fake.lastCreate()?.prompt).toBe('a red kite over the sea');
    const { result, statuses } = await pollToEnd(upstreamId);
    expect(statuses.at(-1)).toBe('completed');
    if (result.status !== 'completed') throw new Error('not completed');
    const opened = await model.openResult(upstreamId, result.resultRef);
    expect(opened.contentType).toMatch(/^video\/mp4/);
    const bytes = Buffer.from(await new Response(opened.body).arrayBuffer());
    expect(sha256(bytes)).toBe(sha256(fake.expectedVideo(upstreamId)));
  });

  it('a vendor failure ends as failed with a stable code and the vendor message', async () => {
    const { upstreamId } = await model.submit({ prompt: 'this one breaks [fail]' });
    const { result } = await pollToEnd(upstreamId);
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(['upstream_error', 'invalid_request']).toContain(result.error.code);
    expect(result.error.message.length).toBeGreaterThan(5);
  });

  it('a content-policy outcome is content_policy_violation', async () => {
    let result: PollResult;
    try {
      const { upstreamId } = await model.submit({ prompt: 'blocked [moderation]' });
      result = (await pollToEnd(upstreamId)).result;
    } catch (error) {
      // Some vendors refuse at create time (HTTP 400): the same code, as an error.
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).code).toBe('content_policy_violation');
      expect((error as UpstreamError).isRetryable).toBe(false);
      return;
    }
    expect(result).toMatchObject({ status: 'failed', error: { code: 'content_policy_violation' } });
  });

  it('a 429 on create is retryable with its delay and made no task; the next create succeeds', async () => {
    const before = fake.stats().creates;
    const error = await model.submit({ prompt: 'too fast [429]' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_rate_limited', isRetryable: true, taskMayExist: 'no', retryAfterMs: 2000 });
    expect(fake.stats().creates).toBe(before);
    const { upstreamId } = await model.submit({ prompt: 'after the 429' });
    expect(upstreamId).toBeTruthy();
    expect(fake.stats().creates).toBe(before + 1);
  });

  it('a wrong key is upstream_auth, names the env var and never echoes the key', async () => {
    const wrong = adapter(fake, 'sk-wrong-key-123456');
    const error = await wrong.submit({ prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_auth', isRetryable: false });
    expect((error as Error).message).toContain('CONTRACT_TEST_KEY');
    expect((error as Error).message).not.toContain('sk-wrong-key-123456');
  });

  it('image-to-video: the image reaches the vendor', async () => {
    const imageModel = adapter(fake, API_KEY, fake.imageModel ?? fake.models[0]);
    expect(imageModel.checkRequest({ prompt: 'animate this', image: PNG_DATA_URL }).errors).toEqual([]);
    await imageModel.submit({ prompt: 'animate this', image: PNG_DATA_URL });
    expect(fake.lastCreate()?.image).toBe(PNG_DATA_URL);
  });

  it('cancel, where the vendor has it, stops a queued task', async () => {
    if (!model.cancel) {
      expect(fake.stats().cancels).toBe(0);
      return; // the worker stops polling and marks the job cancelled instead
    }
    const { upstreamId } = await model.submit({ prompt: 'never mind [slow]' });
    await model.cancel(upstreamId);
    expect(fake.stats().cancels).toBe(1);
    const result = await model.poll(upstreamId);
    expect(result.status).toBe('failed');
  });

  it('the poll schedule is settable per deployment', () => {
    expect(model.pollSchedule).toMatchObject({ initialDelayMs: 50, minDelayMs: 20, maxDelayMs: 100 });
    expect(model.pollSchedule.timeoutMs).toBeGreaterThan(60_000);
  });
});

// Only adapters whose vendor can list its tasks offer findCreatedTask (Veo has none).
describe.each([...SEARCHABLE])('finding a lost create again: %s', (provider) => {
  let fake: VideoFake;
  let model: VideoModel;

  beforeAll(async () => {
    fake = await videoFakes[provider]!.start({ apiKey: API_KEY, completeAfterMs: 400 });
    model = videoAdapters[provider]!.create({ model: fake.models[0]!, apiBase: fake.apiBase, apiKey: API_KEY });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('a create whose answer was never seen is found in the task list; a second alike is listed too', async () => {
    const request = { prompt: `lost create ${provider} ${Date.now()}`, seconds: 8, resolution: '720p', aspectRatio: '16:9' };
    const sentAfterMs = Date.now();
    const { upstreamId } = await model.submit(request);
    const found = await model.findCreatedTask!({ request, sentAfterMs, sentBeforeMs: Date.now() });
    expect(found.upstreamIds).toEqual([upstreamId]);
    // Long before the create, nothing is found, and the message says where it looked.
    const before = await model.findCreatedTask!({ request, sentAfterMs: sentAfterMs - 3_600_000, sentBeforeMs: sentAfterMs - 3_000_000 });
    expect(before.upstreamIds).toEqual([]);
    expect(before.searched).toMatch(/created between/);
    const second = await model.submit(request);
    const both = await model.findCreatedTask!({ request, sentAfterMs, sentBeforeMs: Date.now() });
    expect(both.upstreamIds.sort()).toEqual([upstreamId, second.upstreamId].sort());
  });
});
