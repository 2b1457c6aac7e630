import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../http/upstream-error';
import { geminiApiRoot, geminiOpenAICompatibleBase, normaliseApiBase } from './gemini-base-url';
import { json, KEY, model, OP, scriptedFetch } from './gemini-test-kit';

describe('api_base', () => {
  it.each([
    ['https://generativelanguage.googleapis.com', 'https://generativelanguage.googleapis.com'],
    ['https://generativelanguage.googleapis.com/', 'https://generativelanguage.googleapis.com'],
    ['https://generativelanguage.googleapis.com/v1beta', 'https://generativelanguage.googleapis.com'],
    ['https://generativelanguage.googleapis.com/v1beta/', 'https://generativelanguage.googleapis.com'],
    ['https://generativelanguage.googleapis.com/v1beta/openai/', 'https://generativelanguage.googleapis.com'],
    ['http://127.0.0.1:4011/proxy/gemini', 'http://127.0.0.1:4011/proxy/gemini'],
  ])('%s → %s', (given, expected) => {
    expect(normaliseApiBase(given)).toBe(expected);
  });

  it('gives the native API and the OpenAI-compatible chat endpoint one base', () => {
    expect(geminiApiRoot(undefined)).toBe('https://generativelanguage.googleapis.com/v1beta');
    expect(geminiOpenAICompatibleBase('https://generativelanguage.googleapis.com/v1beta')).toBe('https://generativelanguage.googleapis.com/v1beta/openai');
  });
});

describe('submit', () => {
  it('posts predictLongRunning with the key in a header and the exact body', async () => {
    const upstream = scriptedFetch(json(200, { name: OP }));
    const result = await model(upstream.fetch, { apiBase: 'https://generativelanguage.googleapis.com/v1beta' }).submit({
      prompt: 'a red kite',
      size: '1920x1080',
      seconds: 8,
      negativePrompt: 'rain',
      seed: 3,
      providerOptions: { personGeneration: 'allow_all', resolution: '720p' },
    });
    expect(result).toEqual({ upstreamId: OP, warnings: ['seed is not accepted by Veo on the Gemini API (only on Vertex AI) and was not sent.'] });
    const [request] = upstream.requests;
    expect(request?.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/veo-3.1-generate-preview:predictLongRunning');
    expect(request?.url).not.toContain(KEY);
    expect(request?.method).toBe('POST');
    expect(request?.headers['x-goog-api-key']).toBe(KEY);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      instances: [{ prompt: 'a red kite' }],
      parameters: { personGeneration: 'allow_all', resolution: '1080p', aspectRatio: '16:9', durationSeconds: 8, negativePrompt: 'rain' },
    });
  });

  it('sends only the prompt when nothing else is asked for', async () => {
    const upstream = scriptedFetch(json(200, { name: OP }));
    await model(upstream.fetch).submit({ prompt: 'just this' });
    expect(upstream.requests[0]?.body).toEqual({ instances: [{ prompt: 'just this' }] });
  });

  it('inlines a data URL image as bytesBase64Encoded + mimeType', async () => {
    const upstream = scriptedFetch(json(200, { name: OP }));
    await model(upstream.fetch).submit({ prompt: 'animate', image: 'data:image/jpeg;base64,/9j/4AAQ' });
    expect(upstream.requests[0]?.body).toEqual({
      instances: [{ prompt: 'animate', image: { bytesBase64Encoded: '/9j/4AAQ', mimeType: 'image/jpeg' } }],
    });
  });

  it('downloads an http(s) image without the key and inlines it', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const upstream = scriptedFetch(
      () => new Response(png, { status: 200, headers: { 'content-type': 'image/png; charset=binary' } }),
      json(200, { name: OP }),
    );
    await model(upstream.fetch).submit({ prompt: 'animate', image: 'https://images.example/cat.png' });
    const [download, create] = upstream.requests;
    expect(download?.url).toBe('https://images.example/cat.png');
    expect(download?.headers['x-goog-api-key']).toBeUndefined();
    expect(create?.body).toEqual({
      instances: [{ prompt: 'animate', image: { bytesBase64Encoded: png.toString('base64'), mimeType: 'image/png' } }],
    });
  });

  it.each([
    ['not an image', () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }), /not an image/],
    ['a 404', () => new Response('nope', { status: 404 }), /answered 404/],
    [
      'too large',
      () => new Response('x', { status: 200, headers: { 'content-type': 'image/png', 'content-length': String(21 * 1024 * 1024) } }),
      /larger than 20 MB/,
    ],
  ])('an image URL that is %s is invalid_request and nothing is created', async (_label, answer, message) => {
    const upstream = scriptedFetch(answer);
    const error = await model(upstream.fetch)
      .submit({ prompt: 'animate', image: 'https://images.example/cat.png' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'invalid_request', isRetryable: false, taskMayExist: 'no' });
    expect((error as Error).message).toMatch(message);
    expect(upstream.requests).toHaveLength(1);
  });

  it('refuses an invalid request before the paid call', async () => {
    const upstream = scriptedFetch();
    const error = await model(upstream.fetch)
      .submit({ prompt: 'x', resolution: '1080p', seconds: 4 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_request', isRetryable: false, message: 'Veo 3 at 1080p needs seconds 8; got 4.' });
    expect(upstream.requests).toHaveLength(0);
  });
});

const done = (response: unknown) => ({ name: OP, done: true, response });

describe('poll', () => {
  it('gets the operation by name with the key in a header', async () => {
    const upstream = scriptedFetch(json(200, { name: OP }));
    expect(await model(upstream.fetch, { apiBase: 'http://127.0.0.1:9/' }).poll(OP)).toEqual({ status: 'in_progress' });
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', url: `http://127.0.0.1:9/v1beta/${OP}`, headers: { 'x-goog-api-key': KEY } });
  });

  it('reads a progress percentage from metadata when one is there', async () => {
    const upstream = scriptedFetch(json(200, { name: OP, done: false, metadata: { progressPercent: 42 } }));
    expect(await model(upstream.fetch).poll(OP)).toEqual({ status: 'in_progress', progress: 42 });
  });

  it('done with a sample is completed with the video uri', async () => {
    const uri = 'https://generativelanguage.googleapis.com/v1beta/files/abc123:download?alt=media';
    const body = done({
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
      generateVideoResponse: { generatedSamples: [{ video: { uri } }] },
    });
    expect(await model(scriptedFetch(json(200, body)).fetch).poll(OP)).toEqual({ status: 'completed', resultRef: uri });
  });

  it('done with RAI-filtered media is content_policy_violation with the reasons', async () => {
    const body = done({ generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ['Blocked by the safety filter. Support code 123.'] } });
    expect(await model(scriptedFetch(json(200, body)).fetch).poll(OP)).toEqual({
      status: 'failed',
      error: { code: 'content_policy_violation', message: "Veo's safety filters blocked the video: Blocked by the safety filter. Support code 123." },
    });
  });

  it.each([
    [13, 'Video generation failed due to an internal error.', 'upstream_error'],
    [3, 'The duration is invalid.', 'invalid_request'],
    [7, 'Permission denied.', 'upstream_auth'],
    [16, 'Unauthenticated.', 'upstream_auth'],
    [8, 'Resource exhausted.', 'upstream_rate_limited'],
    [3, 'The prompt violates our usage guidelines.', 'content_policy_violation'],
  ])('done with error code %i is failed', async (code, message, ourCode) => {
    const body = { name: OP, done: true, error: { code, message } };
    expect(await model(scriptedFetch(json(200, body)).fetch).poll(OP)).toEqual({ status: 'failed', error: { code: ourCode, message } });
  });

  it('done with nothing at all is upstream_error', async () => {
    const result = await model(scriptedFetch(json(200, done({}))).fetch).poll(OP);
    expect(result).toMatchObject({ status: 'failed', error: { code: 'upstream_error' } });
  });
});

describe('the model', () => {
  it('has no cancel and a Veo poll schedule merged with the deployment settings', () => {
    const veo = model(scriptedFetch().fetch, { pollSchedule: { initialDelayMs: 1000 } });
    expect(veo.cancel).toBeUndefined();
    expect(veo.provider).toBe('gemini');
    expect(veo.pollSchedule).toEqual({ initialDelayMs: 1000, minDelayMs: 10_000, maxDelayMs: 60_000, elapsedFraction: 0.1, timeoutMs: 1_200_000 });
  });
});
