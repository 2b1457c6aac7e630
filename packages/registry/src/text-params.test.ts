import { describe, expect, it } from 'vitest';
import { parseRegistry } from './parse-registry';

const entry = (params: string) => `model_list:\n  - model_name: g\n    litellm_params: { model: openai/gpt-5-mini, api_key: k, ${params} }\n`;

describe('text keys of litellm_params', () => {
  it('reads timeout, stream_timeout, drop_params and extra_headers', () => {
    const [d] = parseRegistry(entry('timeout: 30, stream_timeout: "5", drop_params: "true", extra_headers: { X-Title: app }'), { env: {} }).deployments;
    expect(d).toMatchObject({ timeoutSeconds: 30, streamTimeoutSeconds: 5, dropParams: true, extraHeaders: { 'X-Title': 'app' } });
  });

  it.each([
    ['drop_params: maybe', /drop_params.*must be true or false/],
    ['timeout: -1', /timeout must be greater than 0, got -1 \(line 3\)/],
    ['extra_headers: [a]', /extra_headers must be a mapping, got a list/],
  ])('%s stops the load naming the key', (params, message) => {
    expect(() => parseRegistry(entry(params), { env: {} })).toThrow(message);
  });
});
