import { describe, expect, it } from 'vitest';
import { codeForStatus, redactUrl } from './call-upstream';

describe('redactUrl', () => {
  it('hides keys and presigned signatures, keeps the rest readable', () => {
    expect(redactUrl('https://g.example/v1beta/files/a:download?alt=media&key=AIzaSECRET')).toBe('https://g.example/v1beta/files/a:download?alt=media&key=REDACTED');
    expect(redactUrl('https://b.oss.example/x.mp4?Expires=1&OSSAccessKeyId=LTAI&Signature=abc%2B')).toBe('https://b.oss.example/x.mp4?Expires=1&OSSAccessKeyId=REDACTED&Signature=REDACTED');
    expect(redactUrl('https://t.example/v.mp4?X-Tos-Expires=86400&X-Tos-Signature=s1&X-Tos-Credential=c1')).toBe('https://t.example/v.mp4?X-Tos-Expires=86400&X-Tos-Signature=REDACTED&X-Tos-Credential=REDACTED');
    expect(redactUrl('https://s3.example/b/k?X-Amz-Signature=s&X-Amz-Credential=AKIA%2Fx')).toBe('https://s3.example/b/k?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED');
  });
});

describe('codeForStatus', () => {
  it('maps HTTP statuses to stable codes', () => {
    expect([401, 403, 429, 408, 504, 400, 404, 500, 502].map(codeForStatus)).toEqual([
      'upstream_auth', 'upstream_auth', 'upstream_rate_limited', 'upstream_timeout', 'upstream_timeout', 'invalid_request', 'invalid_request', 'upstream_error', 'upstream_error',
    ]);
  });
});
