import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../http/upstream-error';
import type { VideoModelSettings } from '../contract/video-model';
import { arkChatCompletionsUrl, resolveArkBaseUrl } from './ark-base-url';
import { createBytePlusVideoModel, createVolcengineVideoModel } from './ark-video-model';
import { jsonAnswer, scriptedFetch } from '../testing/scripted-fetch';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => jsonAnswer(status, body, headers);
const arkError = (status: number, code: string, message: string, type: string, headers: Record<string, string> = {}) =>
  json({ error: { code, message, param: '', type } }, status, headers);

const KEY = 'ark-secret-key-0123456789';
const CN_MODEL = 'doubao-seedance-1-5-pro-251215';
const TASK = 'cgt-20250331175019-68d9t';

function volcengine(fetchFn: typeof fetch, overrides: Partial<VideoModelSettings> = {}) {
  return createVolcengineVideoModel({ model: CN_MODEL, apiKey: KEY, apiKeyEnv: 'ARK_API_KEY', fetch: fetchFn, ...overrides });
}

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('api_base', () => {
  it('defaults per platform', () => {
    expect(resolveArkBaseUrl('volcengine', undefined)).toBe('https://ark.cn-beijing.volces.com/api/v3');
    expect(resolveArkBaseUrl('byteplus', undefined)).toBe('https://ark.ap-southeast.bytepluses.com/api/v3');
  });

  it.each([
    ['volcengine', 'https://ark.cn-beijing.volces.com/api/v3', 'https://ark.cn-beijing.volces.com/api/v3'],
    ['volcengine', 'https://ark.cn-beijing.volces.com/api/v3/', 'https://ark.cn-beijing.volces.com/api/v3'],
    ['volcengine', 'https://ark.cn-beijing.volces.com', 'https://ark.cn-beijing.volces.com/api/v3'],
    ['volcengine', 'https://ark.cn-beijing.volces.com//', 'https://ark.cn-beijing.volces.com/api/v3'],
    ['byteplus', 'https://ark.ap-southeast.bytepluses.com/api/v3', 'https://ark.ap-southeast.bytepluses.com/api/v3'],
    ['byteplus', 'https://ark.eu-west.bytepluses.com', 'https://ark.eu-west.bytepluses.com/api/v3'],
    ['byteplus', 'https://ark.ap-southeast.bytepluses.com/api', 'https://ark.ap-southeast.bytepluses.com/api/v3'],
    ['byteplus', 'https://ark.ap-southeast.bytepluses.com/api/v3/contents/generations/tasks', 'https://ark.ap-southeast.bytepluses.com/api/v3'],
    ['byteplus', 'http://127.0.0.1:9000/api/v3', 'http://127.0.0.1:9000/api/v3'],
    ['volcengine', 'https://ark.cn-beijing.volces.com/api/v3/chat/completions', 'https://ark.cn-beijing.volces.com/api/v3'],
  ] as const)('%s %s → %s', (flavour, given, expected) => {
    expect(resolveArkBaseUrl(flavour, given)).toBe(expected);
  });

  it('gives chat the same base as video', () => {
    expect(arkChatCompletionsUrl('volcengine', 'https://ark.cn-beijing.volces.com/api/v3/contents/generations/tasks')).toBe(
      'https://ark.cn-beijing.volces.com/api/v3/chat/completions',
    );
    expect(arkChatCompletionsUrl('byteplus', undefined)).toBe('https://ark.ap-southeast.bytepluses.com/api/v3/chat/completions');
  });

  it('is where both flavours send their calls', async () => {
    for (const [create, base, expected] of [
      [createVolcengineVideoModel, undefined, 'https://ark.cn-beijing.volces.com/api/v3/contents/generations/tasks'],
      [createBytePlusVideoModel, undefined, 'https://ark.ap-southeast.bytepluses.com/api/v3/contents/generations/tasks'],
      [createBytePlusVideoModel, 'https://ark.eu-west.bytepluses.com/', 'https://ark.eu-west.bytepluses.com/api/v3/contents/generations/tasks'],
    ] as const) {
      const upstream = scriptedFetch(json({ id: TASK }));
      await create({ model: 'seedance-1-0-pro-250528', apiBase: base, apiKey: KEY, fetch: upstream.fetch }).submit({ prompt: 'x' });
      expect(upstream.requests[0]?.url).toBe(expected);
    }
  });
});

describe('submit', () => {
  it('sends body parameters, the first frame and pass-through options, and returns the task id', async () => {
    const upstream = scriptedFetch(json({ id: TASK }));
    const result = await volcengine(upstream.fetch).submit({
      prompt: 'a red kite over the sea',
      size: '720x1280',
      seconds: 8,
      seed: 42,
      generateAudio: false,
      image: 'https://example.com/first.png',
      providerOptions: { camera_fixed: true, watermark: false, service_tier: 'flex', execution_expires_after: 7200, return_last_frame: true },
    });
    expect(result).toEqual({ upstreamId: TASK, warnings: [] });
    const [call] = upstream.requests;
    expect(call?.method).toBe('POST');
    expect(call?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'content-type': 'application/json' });
    expect(call?.body).toStrictEqual({
      camera_fixed: true,
      watermark: false,
      service_tier: 'flex',
      execution_expires_after: 7200,
      return_last_frame: true,
      model: CN_MODEL,
      content: [
        { type: 'text', text: 'a red kite over the sea' },
        { type: 'image_url', image_url: { url: 'https://example.com/first.png' }, role: 'first_frame' },
      ],
      ratio: '9:16',
      resolution: '720p',
      duration: 8,
      seed: 42,
      generate_audio: false,
    });
  });

  it('sends only model and content for a bare prompt', async () => {
    const upstream = scriptedFetch(json({ id: TASK }));
    await volcengine(upstream.fetch).submit({ prompt: 'a cat' });
    expect(upstream.requests[0]?.body).toStrictEqual({ model: CN_MODEL, content: [{ type: 'text', text: 'a cat' }] });
  });

  it('never lets a pass-through option override a validated field', async () => {
    const upstream = scriptedFetch(json({ id: TASK }));
    const { warnings } = await volcengine(upstream.fetch).submit({ prompt: 'a cat', seconds: 5, providerOptions: { model: 'other', duration: 12 } });
    expect(upstream.requests[0]?.body).toMatchObject({ model: CN_MODEL, duration: 5 });
    expect(warnings[0]).toContain('model, duration');
  });

  it('leaves generate_audio out for 1.0 models, with a warning', async () => {
    const upstream = scriptedFetch(json({ id: TASK }));
    const model = createBytePlusVideoModel({ model: 'seedance-1-0-pro-250528', apiKey: KEY, fetch: upstream.fetch });
    const { warnings } = await model.submit({ prompt: 'a cat', generateAudio: true, aspectRatio: '4:3', resolution: '480p' });
    expect(upstream.requests[0]?.body).toStrictEqual({
      model: 'seedance-1-0-pro-250528',
      content: [{ type: 'text', text: 'a cat' }],
      ratio: '4:3',
      resolution: '480p',
    });
    expect(warnings).toHaveLength(1);
  });

  it('passes an endpoint id through untouched and skips per-model checks', async () => {
    const upstream = scriptedFetch(json({ id: TASK }));
    const model = createBytePlusVideoModel({ model: 'ep-20260125152958-7c9gf', apiKey: KEY, fetch: upstream.fetch });
    expect(model.checkRequest({ prompt: 'x', seconds: 15, generateAudio: true }).errors).toEqual([]);
    await model.submit({ prompt: 'x', seconds: 15, generateAudio: true });
    expect(upstream.requests[0]?.body).toMatchObject({ model: 'ep-20260125152958-7c9gf', duration: 15, generate_audio: true });
  });

  it('refuses an impossible request before the paid call', async () => {
    const upstream = scriptedFetch();
    const error = await failureOf(volcengine(upstream.fetch).submit({ prompt: 'x', seconds: 30 }));
    expect(error).toMatchObject({ code: 'invalid_request', isRetryable: false, taskMayExist: 'no' });
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('upstream errors', () => {
  it('401 is upstream_auth, names the env var and never the key', async () => {
    const upstream = scriptedFetch(arkError(401, 'AuthenticationError', `The API key or AK/SK in the request is missing or invalid. Request id: 021`, 'Unauthorized'));
    const error = await failureOf(volcengine(upstream.fetch).submit({ prompt: 'x' }));
    expect(error).toMatchObject({ code: 'upstream_auth', isRetryable: false, statusCode: 401 });
    expect(error.message).toContain('ARK_API_KEY');
    expect(error.message).not.toContain(KEY);
  });

  it.each(['AccessDenied', 'AccountOverdueError', 'OperationDenied.ServiceNotOpen'])('403 %s is upstream_auth with the vendor message', async (code) => {
    const upstream = scriptedFetch(arkError(403, code, 'The account is not allowed.', 'Forbidden'));
    const error = await failureOf(volcengine(upstream.fetch).submit({ prompt: 'x' }));
    expect(error).toMatchObject({ code: 'upstream_auth', isRetryable: false });
    expect(error.message).toContain('The account is not allowed.');
    expect(error.message).toContain('ARK_API_KEY');
  });

  it('400 sensitive content is a non-retryable content_policy_violation', async () => {
    const upstream = scriptedFetch(arkError(400, 'InputTextSensitiveContentDetected', 'The request failed because the input text may contain sensitive information.', 'BadRequest'));
    const error = await failureOf(volcengine(upstream.fetch).submit({ prompt: 'x' }));
    expect(error).toMatchObject({ code: 'content_policy_violation', isRetryable: false });
  });

  it('other 400s are invalid_request with the param', async () => {
    const upstream = scriptedFetch(json({ error: { code: 'InvalidParameter', message: 'bad duration', param: 'duration', type: 'BadRequest' } }, 400));
    const error = await failureOf(volcengine(upstream.fetch).submit({ prompt: 'x' }));
    expect(error).toMatchObject({ code: 'invalid_request', isRetryable: false });
    expect(error.message).toContain('param: duration');
  });

  it('404 model not found hints at activation and at the platform spelling', async () => {
    const upstream = scriptedFetch(arkError(404, 'InvalidEndpointOrModel.NotFound', 'The model or endpoint does not exist.', 'NotFound'));
    const model = createVolcengineVideoModel({ model: 'seedance-1-0-pro-250528', apiKey: KEY, apiKeyEnv: 'ARK_API_KEY', fetch: upstream.fetch });
    const error = await failureOf(model.submit({ prompt: 'x' }));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/Activate seedance-1-0-pro-250528/);
    expect(error.message).toContain('doubao-seedance-1-0-pro-250528');
  });

  it.each(['ModelAccountRpmRateLimitExceeded', 'QuotaExceeded', 'InflightBatchsizeExceeded'])('429 %s is retryable with Retry-After', async (code) => {
    const upstream = scriptedFetch(arkError(429, code, 'Too many.', 'TooManyRequests', { 'retry-after': '7' }));
    const error = await failureOf(volcengine(upstream.fetch).submit({ prompt: 'x' }));
    expect(error).toMatchObject({ code: 'upstream_rate_limited', isRetryable: true, retryAfterMs: 7000, taskMayExist: 'no' });
  });

  it('5xx is a retryable upstream_error', async () => {
    const upstream = scriptedFetch(arkError(500, 'InternalServiceError', 'oops', 'InternalServiceError'));
    expect(await failureOf(volcengine(upstream.fetch).poll(TASK))).toMatchObject({ code: 'upstream_error', isRetryable: true });
  });
});

describe('poll', () => {
  const task = (fields: Record<string, unknown>) => json({ id: TASK, model: CN_MODEL, created_at: 1, updated_at: 2, ...fields });

  it('asks for the task with the key and maps every state', async () => {
    const upstream = scriptedFetch(
      task({ status: 'queued', error: null }),
      task({ status: 'creating' }),
      task({ status: 'running' }),
      task({ status: 'succeeded', content: { video_url: 'https://tos.example/v.mp4?X-Tos-Signature=abc' } }),
      task({ status: 'failed', error: { code: 'OutputVideoSensitiveContentDetected', message: 'The generated video may contain sensitive content.' } }),
      task({ status: 'failed', error: { code: 'InvalidParameter', message: 'bad image' } }),
      task({ status: 'failed', error: { code: 'InternalServiceError', message: 'broke' } }),
      task({ status: 'expired' }),
      task({ status: 'cancelled' }),
    );
    const model = volcengine(upstream.fetch);
    const results = [];
    for (let i = 0; i < 9; i++) results.push(await model.poll(TASK));
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', url: `https://ark.cn-beijing.volces.com/api/v3/contents/generations/tasks/${TASK}` });
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(results.map((r) => r.status)).toEqual(['queued', 'queued', 'in_progress', 'completed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(results[3]).toEqual({ status: 'completed', resultRef: 'https://tos.example/v.mp4?X-Tos-Signature=abc' });
    expect(results[4]).toMatchObject({ error: { code: 'content_policy_violation', message: expect.stringContaining('sensitive content') } });
    expect(results[5]).toMatchObject({ error: { code: 'invalid_request' } });
    expect(results[6]).toMatchObject({ error: { code: 'upstream_error', message: expect.stringContaining('broke') } });
    expect(results[7]).toMatchObject({ error: { code: 'expired' } });
    expect(results[8]).toMatchObject({ error: { code: 'upstream_error', message: expect.stringContaining('cancelled at the provider') } });
  });
});

describe('cancel', () => {
  it('DELETEs the task; `{}` is success', async () => {
    const upstream = scriptedFetch(json({}));
    await volcengine(upstream.fetch).cancel!(TASK);
    expect(upstream.requests[0]).toMatchObject({ method: 'DELETE', url: `https://ark.cn-beijing.volces.com/api/v3/contents/generations/tasks/${TASK}` });
  });

  it('a refusal for a running task says only queued tasks can be cancelled', async () => {
    const upstream = scriptedFetch(arkError(400, 'InvalidParameter', 'The task is running.', 'BadRequest'));
    const error = await failureOf(volcengine(upstream.fetch).cancel!(TASK));
    expect(error).toMatchObject({ code: 'invalid_request', isRetryable: false });
    expect(error.message).toContain('only queued tasks');
  });
});

describe('openResult', () => {
  const videoUrl = 'https://ark-content-generation-cn-beijing.tos-cn-beijing.volces.com/x/v.mp4?X-Tos-Expires=86400&X-Tos-Signature=s3cr3t';

  it('streams the pre-signed URL without the Ark key', async () => {
    const upstream = scriptedFetch(() => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'video/mp4', 'content-length': '3' } }));
    const opened = await volcengine(upstream.fetch).openResult(TASK, videoUrl);
    expect(upstream.requests[0]?.url).toBe(videoUrl);
    expect(upstream.requests[0]?.headers.authorization).toBeUndefined();
    expect(opened).toMatchObject({ contentType: 'video/mp4', contentLength: 3 });
    expect(Buffer.from(await new Response(opened.body).arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
  });

  it('defaults a generic content type to video/mp4', async () => {
    const upstream = scriptedFetch(() => new Response(new Uint8Array([1]), { headers: { 'content-type': 'application/octet-stream' } }));
    expect((await volcengine(upstream.fetch).openResult(TASK, videoUrl)).contentType).toBe('video/mp4');
  });

  it('an expired URL is `expired` and the error never shows the signature', async () => {
    const upstream = scriptedFetch(json({ Code: 'AccessDenied', Message: 'Request has expired.' }, 403));
    const error = await failureOf(volcengine(upstream.fetch).openResult(TASK, videoUrl));
    expect(error).toMatchObject({ code: 'expired', isRetryable: false });
    expect(error.url).not.toContain('s3cr3t');
    expect(error.message).not.toContain('s3cr3t');
  });
});

describe('poll schedule', () => {
  it('defaults to Seedance timings and is settable', () => {
    const upstream = scriptedFetch();
    expect(volcengine(upstream.fetch).pollSchedule).toEqual({ initialDelayMs: 20_000, minDelayMs: 10_000, maxDelayMs: 60_000, elapsedFraction: 0.1, timeoutMs: 3_600_000 });
    expect(volcengine(upstream.fetch, { pollSchedule: { minDelayMs: 50 } }).pollSchedule.minDelayMs).toBe(50);
  });
});
