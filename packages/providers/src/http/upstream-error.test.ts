import { describe, expect, it } from 'vitest';
import { describeNetworkFailure, isRetryableStatus, parseRetryAfterMs } from './upstream-error';

describe('upstream error classification', () => {
  it('a refused or unresolved connection means the create never reached the vendor', () => {
    expect(describeNetworkFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } })).taskMayExist).toBe('no');
    expect(describeNetworkFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })).taskMayExist).toBe('no');
  });

  it('a reset or a timeout leaves it unknown, so the job is not resubmitted blindly', () => {
    expect(describeNetworkFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })).taskMayExist).toBe('unknown');
    const timeout = describeNetworkFailure(new DOMException('upstream call timed out', 'TimeoutError'));
    expect(timeout).toMatchObject({ taskMayExist: 'unknown', timedOut: true });
  });

  it('retries 408, 409, 429 and 5xx only', () => {
    expect([400, 401, 403, 404, 408, 409, 422, 429, 500, 503].filter(isRetryableStatus)).toEqual([408, 409, 429, 500, 503]);
  });

  it('reads Retry-After in seconds or as a date, and retry-after-ms', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '7' }))).toBe(7000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    const now = Date.parse('2026-11-22T00:00:00Z');
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Sun, 22 Nov 2026 00:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfterMs(new Headers({}))).toBeUndefined();
  });
});
