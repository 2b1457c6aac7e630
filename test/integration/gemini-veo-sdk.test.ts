import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, GenerateVideosOperation, GoogleGenAI } from '@google/genai';
import { startGeminiVeoFake, type GeminiVeoFake } from '../fakes/gemini-veo/index';

/**
 * The Veo fake is only worth something if the official SDK accepts it. @google/genai 2.32.0
 * still runs the whole Gemini API flow (generateVideos → getVideosOperation → download);
 * 3.x dropped generateVideos for the Gemini API (providers.md "Checked against the official SDKs").
 */

const API_KEY = 'AIza-fake-sdk-test-key-7f3a';
const MODEL = 'veo-3.1-generate-preview';
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let fake: GeminiVeoFake;
let ai: GoogleGenAI;
let downloads: string;

beforeAll(async () => {
  fake = await startGeminiVeoFake({ apiKey: API_KEY, completeAfterMs: 300 });
  ai = new GoogleGenAI({ apiKey: API_KEY, httpOptions: { baseUrl: fake.apiBase } });
  downloads = await mkdtemp(join(tmpdir(), 'reelay-veo-sdk-'));
});
afterAll(async () => {
  await fake?.close();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

async function untilDone(operation: GenerateVideosOperation, timeoutMs = 10_000): Promise<GenerateVideosOperation> {
  const deadline = Date.now() + timeoutMs;
  let current = operation;
  while (!current.done) {
    if (Date.now() > deadline) throw new Error(`operation ${current.name} not done after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 40));
    current = await ai.operations.getVideosOperation({ operation: current });
  }
  return current;
}

function fileName(uri: string): string {
  const id = /\/files\/([a-z0-9]+):download/.exec(uri)?.[1];
  if (!id) throw new Error(`not a files download URI: ${uri}`);
  return `files/${id}`;
}

describe('fake Veo with @google/genai 2.32.0', () => {
  it('generateVideos → getVideosOperation until done → files.download gives the exact MP4', async () => {
    const before = fake.stats();
    const created = await ai.models.generateVideos({
      model: MODEL,
      source: { prompt: 'a lighthouse in a storm' },
      config: { aspectRatio: '16:9', durationSeconds: 8, resolution: '1080p', negativePrompt: 'people', personGeneration: 'allow_all', numberOfVideos: 1 },
    });
    expect(created.name).toMatch(/^models\/veo-3\.1-generate-preview\/operations\/[a-z0-9]+$/);
    expect(created.done).toBeUndefined();
    // The SDK sends durationSeconds as a number and numberOfVideos as sampleCount.
    expect(fake.lastCreate()).toEqual({
      model: MODEL,
      prompt: 'a lighthouse in a storm',
      image: undefined,
      body: {
        instances: [{ prompt: 'a lighthouse in a storm' }],
        parameters: {
          sampleCount: 1,
          durationSeconds: 8,
          aspectRatio: '16:9',
          resolution: '1080p',
          personGeneration: 'allow_all',
          negativePrompt: 'people',
        },
      },
    });

    const done = await untilDone(created);
    expect(done.error).toBeUndefined();
    const video = done.response?.generatedVideos?.[0]?.video;
    const uri = video?.uri ?? '';
    expect(uri).toMatch(new RegExp(`^${fake.apiBase}/v1beta/files/[a-z0-9]+:download\\?alt=media$`));
    const expected = fake.expectedVideo(created.name ?? '');

    // @google/genai turns only https:// URIs into file names; the fake is http, so name the file.
    const path = join(downloads, 'lighthouse.mp4');
    await ai.files.download({ file: fileName(uri), downloadPath: path });
    const downloaded = await readFile(path);
    expect(downloaded.subarray(4, 12).toString('latin1')).toBe('ftypisom');
    expect(sha256(downloaded)).toBe(sha256(expected));

    // The docs' way: GET the uri with the key and follow the redirect (curl -L).
    const response = await fetch(uri, { headers: { 'x-goog-api-key': API_KEY } });
    expect(response.status).toBe(200);
    expect(response.redirected).toBe(true);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(expected));

    const after = fake.stats();
    expect(after.creates - before.creates).toBe(1);
    expect(after.downloads - before.downloads).toBe(2);
    expect(after.polls - before.polls).toBeGreaterThanOrEqual(1);
  });

  it('image-to-video: the SDK sends {bytesBase64Encoded, mimeType} and the fake rebuilds the data URL', async () => {
    const created = await ai.models.generateVideos({
      model: MODEL,
      prompt: 'the pixel starts to glow',
      image: { imageBytes: PNG_BASE64, mimeType: 'image/png' },
      config: { durationSeconds: 4, personGeneration: 'allow_adult' },
    });
    const received = fake.lastCreate();
    expect(received?.image).toBe(`data:image/png;base64,${PNG_BASE64}`);
    expect(received?.body).toEqual({
      instances: [{ prompt: 'the pixel starts to glow', image: { bytesBase64Encoded: PNG_BASE64, mimeType: 'image/png' } }],
      parameters: { durationSeconds: 4, personGeneration: 'allow_adult' },
    });
    const done = await untilDone(created);
    expect(done.response?.generatedVideos).toHaveLength(1);
  });

  it('a wrong key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID', async () => {
    const rejectedBefore = fake.stats().rejectedAuth;
    const wrong = new GoogleGenAI({ apiKey: 'AIza-not-the-right-key', httpOptions: { baseUrl: fake.apiBase } });
    const error = await wrong.models.generateVideos({ model: MODEL, source: { prompt: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    const body = JSON.parse((error as ApiError).message) as { error: { status: string; details: { reason?: string }[] } };
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.details.map((detail) => detail.reason)).toContain('API_KEY_INVALID');
    expect(fake.stats().rejectedAuth).toBe(rejectedBefore + 1);
  });

  it('a missing key is a 403 PERMISSION_DENIED; ?key= works as well as the header', async () => {
    const url = `${fake.apiBase}/v1beta/models/${MODEL}:predictLongRunning`;
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instances: [{ prompt: 'x' }] }) };
    const missing = await fetch(url, init);
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { status: string } }).error.status).toBe('PERMISSION_DENIED');
    const withQueryKey = await fetch(`${url}?key=${API_KEY}`, init);
    expect(withQueryKey.status).toBe(200);
    expect(await withQueryKey.json()).toEqual({ name: expect.stringMatching(/^models\/veo-3\.1-generate-preview\/operations\//) });
  });

  it('the REST docs forms work too: image as inlineData and durationSeconds as a string', async () => {
    const response = await fetch(`${fake.apiBase}/v1beta/models/${MODEL}:predictLongRunning`, {
      method: 'POST',
      headers: { 'x-goog-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        instances: [{ prompt: 'docs form', image: { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } } }],
        parameters: { durationSeconds: '8', aspectRatio: '9:16' },
      }),
    });
    expect(response.status).toBe(200);
    expect(fake.lastCreate()?.image).toBe(`data:image/png;base64,${PNG_BASE64}`);
    const { name } = (await response.json()) as { name: string };
    const done = await untilDone(await ai.operations.getVideosOperation({ operation: Object.assign(new GenerateVideosOperation(), { name }) }));
    expect(done.response?.generatedVideos?.[0]?.video?.uri).toContain(':download?alt=media');
  });

  it('a [429] is an ApiError 429 RESOURCE_EXHAUSTED with RetryInfo, and makes no operation', async () => {
    const before = fake.stats();
    const error = await ai.models.generateVideos({ model: MODEL, source: { prompt: 'too many [429]' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    const body = JSON.parse((error as ApiError).message) as { error: { status: string; details: { '@type': string; retryDelay?: string }[] } };
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(body.error.details.find((detail) => detail['@type'].endsWith('RetryInfo'))?.retryDelay).toBe('2s');
    expect(fake.stats().creates).toBe(before.creates);
    expect(fake.stats().rateLimited).toBe(before.rateLimited + 1);
  });

  it('an RAI-filtered result maps to response.raiMediaFilteredCount/Reasons with no videos', async () => {
    const done = await untilDone(await ai.models.generateVideos({ model: MODEL, source: { prompt: 'blocked [moderation]' } }));
    expect(done.error).toBeUndefined();
    expect(done.response?.raiMediaFilteredCount).toBe(1);
    expect(done.response?.raiMediaFilteredReasons).toEqual([expect.stringContaining('Support codes')]);
    expect(done.response?.generatedVideos).toBeUndefined();
  });

  it('a [fail] operation is done with a google.rpc.Status error', async () => {
    const done = await untilDone(await ai.models.generateVideos({ model: MODEL, source: { prompt: 'breaks [fail]' } }));
    expect(done.error).toEqual({ code: 13, message: 'Video generation failed due to an internal error.' });
    expect(done.response).toBeUndefined();
  });

  it('Veo rules: an unknown model is 404, a bad duration or resolution 400', async () => {
    const unknown = await ai.models.generateVideos({ model: 'veo-9-imaginary', source: { prompt: 'x' } }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 404 });
    const badDuration = await ai.models
      .generateVideos({ model: 'veo-2.0-generate-001', source: { prompt: 'x' }, config: { durationSeconds: 4 } })
      .catch((e: unknown) => e);
    expect(badDuration).toMatchObject({ status: 400 });
    const shortHd = await ai.models
      .generateVideos({ model: MODEL, source: { prompt: 'x' }, config: { durationSeconds: 6, resolution: '4k' } })
      .catch((e: unknown) => e);
    expect(shortHd).toMatchObject({ status: 400 });
  });
});
