import { describe, expect, it } from 'vitest';
import { noDeploymentAnswered } from './chat-attempts';

describe('noDeploymentAnswered', () => {
  it('takes the status class of the cause that matters most and lists each deployment once', () => {
    const error = noDeploymentAnswered(
      'g',
      [
        { deployment: 'a', provider: 'openai', status: 401, code: 'upstream_auth', message: 'OpenAI answered 401: bad key' },
        { deployment: 'b', provider: 'xai', status: 429, code: 'upstream_rate_limited', message: 'xAI answered 429: slow down' },
      ],
      [
        { id: 'a', reason: 'create failed in this job: OpenAI answered 401' },
        { id: 'c (fallback g2)', reason: 'cooling down for 3.0 s' },
      ],
      2_500,
    );
    expect(error.status).toBe(429);
    expect(error.options.headers).toEqual({ 'retry-after': '3' });
    const attempts = error.toBody().error.attempts as Array<{ deployment: string; code: string }>;
    expect(attempts.map((a) => `${a.deployment}:${a.code}`)).toEqual(['a:upstream_auth', 'b:upstream_rate_limited', 'c (fallback g2):skipped']);
    expect(error.message).toMatch(/\[1\] deployment "a" \(openai\): OpenAI answered 401: bad key \[2\] .* \[3\] deployment "c \(fallback g2\)": left out, cooling down for 3\.0 s/);
  });

  it('a bad request wins: the vendor refused the request itself, so it is the client\'s 400', () => {
    const error = noDeploymentAnswered('g', [
      { deployment: 'a', status: 503, code: 'upstream_error', message: 'down' },
      { deployment: 'b', status: 400, code: 'invalid_request', message: 'messages.0: bad' },
    ], []);
    expect(error.status).toBe(400);
  });

  it('with nothing tried it is a 503 saying no deployment could take the request, never a bare "no healthy deployments"', () => {
    const error = noDeploymentAnswered('g', [], [{ id: 'a', reason: 'its mode is video_generation, not chat' }]);
    expect(error.status).toBe(503);
    expect(error.message).toBe('No deployment of model "g" could take this request now. [1] deployment "a": left out, its mode is video_generation, not chat');
  });
});
