import { describe, expect, it } from 'vitest';
import { json, KEY, model, rpcError, scriptedFetch } from './gemini-test-kit';

describe('HTTP errors', () => {
  it('a wrong key (400 API_KEY_INVALID) is upstream_auth naming the env var, never the key', async () => {
    const body = rpcError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
    ]);
    const error = await model(scriptedFetch(json(400, body)).fetch).submit({ prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_auth', isRetryable: false, statusCode: 400, taskMayExist: 'no' });
    expect((error as Error).message).toContain('GEMINI_API_KEY');
    expect((error as Error).message).not.toContain(KEY);
  });

  it('a missing key (403 PERMISSION_DENIED) is upstream_auth', async () => {
    const body = rpcError(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers.');
    const error = await model(scriptedFetch(json(403, body)).fetch, { apiKey: undefined }).submit({ prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_auth', isRetryable: false });
    expect((error as Error).message).toContain('GEMINI_API_KEY');
  });

  it('a 429 takes its delay from RetryInfo when there is no Retry-After', async () => {
    const body = rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.', [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'PredictLongRunningRequestsPerMinutePerProject' }] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' },
    ]);
    const error = await model(scriptedFetch(json(429, body)).fetch).submit({ prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_rate_limited', isRetryable: true, retryAfterMs: 30_000, taskMayExist: 'no' });
    expect((error as Error).message).not.toContain('per-day');
  });

  it('a Retry-After header wins over RetryInfo', async () => {
    const body = rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' }]);
    const error = await model(scriptedFetch(json(429, body, { 'retry-after': '2' })).fetch).submit({ prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryAfterMs: 2000 });
  });

  it('a 429 for an exhausted daily quota stays retryable and says so', async () => {
    const body = rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.', [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'PredictLongRunningRequestsPerDayPerProjectPerModel' }] },
    ]);
    const error = await model(scriptedFetch(json(429, body)).fetch).submit({ prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_rate_limited', isRetryable: true });
    expect((error as Error).message).toContain('per-day quota is exhausted');
  });

  it.each([
    [400, 'INVALID_ARGUMENT', 'invalid_request', false],
    [404, 'NOT_FOUND', 'invalid_request', false],
    [500, 'INTERNAL', 'upstream_error', true],
    [503, 'UNAVAILABLE', 'upstream_error', true],
  ])('%i %s is %s', async (status, rpcStatus, code, isRetryable) => {
    const error = await model(scriptedFetch(json(status, rpcError(status, rpcStatus, 'something'))).fetch)
      .submit({ prompt: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code, isRetryable, statusCode: status });
    expect((error as Error).message).toContain(`Gemini API answered ${status} ${rpcStatus}: something`);
  });
});

