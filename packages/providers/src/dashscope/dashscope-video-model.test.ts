import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../http/upstream-error';
import type { VideoModelSettings } from '../contract/video-model';
import { createDashScopeVideoModel } from './dashscope-video-model';
import { jsonAnswer, scriptedFetch, type ScriptedAnswer } from '../testing/scripted-fetch';

const json = jsonAnswer;
const created = json(200, { output: { task_status: 'PENDING', task_id: 'task-1' }, request_id: 'req-1' });
const task = (output: Record<string, unknown>) => json(200, { request_id: 'req-2', output: { task_id: 'task-1', ...output } });

function model(fetchFn: typeof fetch, overrides: Partial<VideoModelSettings> = {}) {
  return createDashScopeVideoModel({ model: 'wan2.6-t2v', apiKey: 'sk-secret-123456', apiKeyEnv: 'DASHSCOPE_API_KEY', fetch: fetchFn, ...overrides });
}

describe('DashScope Wan adapter: the create request', () => {
  it('posts the async create with Bearer auth, the async header and a W*H size', async () => {
    const { fetch, requests } = scriptedFetch(created);
    const result = await model(fetch).submit({ prompt: 'a kite', size: '1280x720', seconds: 10, seed: 42, negativePrompt: 'blur' });
    expect(result).toEqual({ upstreamId: 'task-1', warnings: [] });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.url).toBe('https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis');
    expect(request!.method).toBe('POST');
    expect(request!.headers).toEqual({
      authorization: 'Bearer sk-secret-123456',
      'content-type': 'application/json',
      'x-dashscope-async': 'enable',
    });
    expect(request!.body).toEqual({
      model: 'wan2.6-t2v',
      input: { prompt: 'a kite', negative_prompt: 'blur' },
      parameters: { size: '1280*720', duration: 10, seed: 42 },
    });
  });

  it('sends image-to-video as img_url + resolution', async () => {
    const { fetch, requests } = scriptedFetch(created);
    const image = 'data:image/png;base64,iVBORw0KGgo=';
    await model(fetch, { model: 'wan2.6-i2v-flash' }).submit({ prompt: 'move', image, resolution: '720p', generateAudio: false });
    expect(requests[0]!.body).toEqual({
      model: 'wan2.6-i2v-flash',
      input: { prompt: 'move', img_url: image },
      parameters: { resolution: '720P', audio: false },
    });
  });

  it.each([
    ['https://dashscope-intl.aliyuncs.com', 'https://dashscope-intl.aliyuncs.com'],
    ['https://dashscope.aliyuncs.com/', 'https://dashscope.aliyuncs.com'],
    ['https://dashscope-us.aliyuncs.com/api/v1', 'https://dashscope-us.aliyuncs.com'],
    ['https://dashscope-intl.aliyuncs.com/compatible-mode/v1/', 'https://dashscope-intl.aliyuncs.com'],
    ['https://ws-123.ap-southeast-1.maas.aliyuncs.com/api/v1/', 'https://ws-123.ap-southeast-1.maas.aliyuncs.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
  ])('api_base %s → %s/api/v1/…', async (apiBase, origin) => {
    const { fetch, requests } = scriptedFetch(created, task({ task_status: 'RUNNING' }));
    const wan = model(fetch, { apiBase });
    await wan.submit({ prompt: 'p' });
    await wan.poll('task-1');
    expect(requests.map((r) => r.url)).toEqual([`${origin}/api/v1/services/aigc/video-generation/video-synthesis`, `${origin}/api/v1/tasks/task-1`]);
  });

  it('never sends a request the model cannot take', async () => {
    const { fetch, requests } = scriptedFetch();
    const error = await model(fetch).submit({ prompt: 'p', seconds: 20 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_request', isRetryable: false, taskMayExist: 'no' });
    expect(requests).toHaveLength(0);
  });

  it('a 2xx create without a task id leaves the task unknown', async () => {
    const { fetch } = scriptedFetch(json(200, { request_id: 'r' }));
    await expect(model(fetch).submit({ prompt: 'p' })).rejects.toMatchObject({ code: 'upstream_error', taskMayExist: 'unknown' });
  });
});

describe('DashScope Wan adapter: HTTP errors', () => {
  const submitWith = async (answer: ScriptedAnswer): Promise<UpstreamError> => {
    const outcome = await model(scriptedFetch(answer).fetch).submit({ prompt: 'p' }).catch((error: unknown) => error);
    if (!(outcome instanceof UpstreamError)) throw new Error('expected the submit to fail');
    return outcome;
  };

  it('401 InvalidApiKey is upstream_auth, names the env var and the region rule, never the key', async () => {
    const error = await submitWith(json(401, { code: 'InvalidApiKey', message: 'Invalid API-key provided.', request_id: 'r1' }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_auth', isRetryable: false, statusCode: 401 });
    expect(error.message).toContain('DASHSCOPE_API_KEY');
    expect(error.message).toContain('region-bound');
    expect(error.message).toContain('request_id r1');
    expect(error.message).not.toContain('sk-secret-123456');
  });

  it.each([
    [400, 'DataInspectionFailed', 'content_policy_violation', false],
    [400, 'IPInfringementSuspect', 'content_policy_violation', false],
    [400, 'Arrearage', 'upstream_auth', false],
    [400, 'InvalidParameter', 'invalid_request', false],
    [404, 'ModelNotFound', 'invalid_request', false],
    [403, 'AccessDenied', 'upstream_auth', false],
    [429, 'Throttling.RateQuota', 'upstream_rate_limited', true],
    [429, 'Throttling.AllocationQuota', 'upstream_rate_limited', true],
    [500, 'InternalError', 'upstream_error', true],
    [503, 'ServiceUnavailable', 'upstream_error', true],
  ])('%i %s → %s (retryable %s)', async (status, code, ours, retryable) => {
    const error = await submitWith(json(status, { code, message: 'm', request_id: 'r' }));
    expect(error).toMatchObject({ code: ours, isRetryable: retryable, taskMayExist: 'no' });
  });

  it('a 429 carries Retry-After', async () => {
    const error = await submitWith(json(429, { code: 'Throttling', message: 'slow down' }, { 'retry-after': '3' }));
    expect(error).toMatchObject({ code: 'upstream_rate_limited', retryAfterMs: 3000 });
  });
});

describe('DashScope Wan adapter: poll', () => {
  const pollWith = async (output: Record<string, unknown>) => {
    const { fetch, requests } = scriptedFetch(task(output));
    const result = await model(fetch).poll('task-1');
    return { result, request: requests[0]! };
  };

  it('asks GET /api/v1/tasks/{id} with Bearer only', async () => {
    const { result, request } = await pollWith({ task_status: 'PENDING' });
    expect(result).toEqual({ status: 'queued' });
    expect(request.method).toBe('GET');
    expect(request.headers).toEqual({ authorization: 'Bearer sk-secret-123456' });
  });

  it('maps every task status', async () => {
    expect((await pollWith({ task_status: 'RUNNING' })).result).toEqual({ status: 'in_progress' });
    expect((await pollWith({ task_status: 'SUSPENDED' })).result).toEqual({ status: 'in_progress' });
    expect((await pollWith({ task_status: 'SUCCEEDED', video_url: 'https://oss.example/v.mp4?Signature=x' })).result).toEqual({
      status: 'completed',
      resultRef: 'https://oss.example/v.mp4?Signature=x',
    });
    expect((await pollWith({ task_status: 'FAILED', code: 'InternalError', message: 'boom' })).result).toEqual({
      status: 'failed',
      error: { code: 'upstream_error', message: 'DashScope task failed (InternalError): boom' },
    });
    expect((await pollWith({ task_status: 'FAILED', code: 'DataInspectionFailed', message: 'x' })).result).toMatchObject({
      error: { code: 'content_policy_violation' },
    });
    expect((await pollWith({ task_status: 'FAILED', code: 'InvalidParameter', message: 'x' })).result).toMatchObject({ error: { code: 'invalid_request' } });
    expect((await pollWith({ task_status: 'CANCELED' })).result).toMatchObject({ status: 'failed', error: { code: 'upstream_error', message: expect.stringContaining('cancelled at DashScope') } });
    expect((await pollWith({ task_status: 'UNKNOWN' })).result).toMatchObject({ status: 'failed', error: { code: 'expired', message: expect.stringContaining('24 h') } });
  });

  it('has the documented default schedule, settable per deployment', () => {
    const { fetch } = scriptedFetch();
    expect(model(fetch).pollSchedule).toEqual({ initialDelayMs: 20_000, minDelayMs: 10_000, maxDelayMs: 60_000, elapsedFraction: 0.1, timeoutMs: 1_800_000 });
    expect(model(fetch, { pollSchedule: { minDelayMs: 15_000 } }).pollSchedule.minDelayMs).toBe(15_000);
  });
});

describe('DashScope Wan adapter: result and cancel', () => {
  const videoUrl = 'https://dashscope-result-sgp.oss-ap-southeast-1.aliyuncs.com/v.mp4?Expires=1&OSSAccessKeyId=LTAI&Signature=abc%3D';

  it('downloads the OSS link without any auth header', async () => {
    const { fetch, requests } = scriptedFetch(() => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'video/mp4', 'content-length': '3' } }));
    const opened = await model(fetch).openResult('task-1', videoUrl);
    expect(requests[0]!.url).toBe(videoUrl);
    expect(requests[0]!.headers).toEqual({});
    expect(opened.contentType).toBe('video/mp4');
    expect(opened.contentLength).toBe(3);
    expect(Buffer.from(await new Response(opened.body).arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
  });

  it('labels a generic OSS content type as video/mp4', async () => {
    const { fetch } = scriptedFetch(() => new Response('x', { headers: { 'content-type': 'application/octet-stream' } }));
    expect((await model(fetch).openResult('task-1', videoUrl)).contentType).toBe('video/mp4');
  });

  it('an expired link is `expired`, and the signature never appears in the error', async () => {
    const xml = '<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>';
    const { fetch } = scriptedFetch(() => new Response(xml, { status: 403 }));
    const error = (await model(fetch).openResult('task-1', videoUrl).catch((e: unknown) => e)) as UpstreamError;
    expect(error).toMatchObject({ code: 'expired', isRetryable: false });
    expect(error.message).toContain('Request has expired');
    expect(`${error.message} ${error.url}`).not.toContain('Signature=abc');
  });

  it('cancels with POST /api/v1/tasks/{id}/cancel', async () => {
    const { fetch, requests } = scriptedFetch(json(200, { request_id: 'r' }));
    await model(fetch).cancel!('task-1');
    expect(requests[0]).toMatchObject({ url: 'https://dashscope-intl.aliyuncs.com/api/v1/tasks/task-1/cancel', method: 'POST' });
    expect(requests[0]!.headers).toEqual({ authorization: 'Bearer sk-secret-123456' });
  });

  it('a refused cancel says that only PENDING tasks can be cancelled', async () => {
    const { fetch } = scriptedFetch(json(400, { code: 'UnsupportedOperation', message: 'Failed to cancel the task.', request_id: 'r' }));
    const error = (await model(fetch).cancel!('task-1').catch((e: unknown) => e)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'invalid_request', isRetryable: false });
    expect(error.message).toContain('only while it is PENDING');
    expect(error.message).toContain('UnsupportedOperation');
  });
});
