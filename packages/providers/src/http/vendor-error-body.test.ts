import { describe, expect, it } from 'vitest';
import { classifyChatFailure } from './classify-chat-failure';
import { readVendorError } from './vendor-error-body';

describe('readVendorError: every shape the text vendors answer errors in', () => {
  it.each([
    ['OpenAI', '{"error":{"message":"Incorrect API key provided: sk-ab***yz.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}', { message: 'Incorrect API key provided: sk-ab***yz.', code: 'invalid_api_key', type: 'invalid_request_error' }],
    ['xAI (error is a string)', '{"code":"Client specified an invalid argument","error":"Incorrect API key provided: xa***"}', { message: 'Incorrect API key provided: xa***', code: 'Client specified an invalid argument' }],
    ['Gemini (a JSON array with a reason)', '[{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}]', { message: 'API key not valid.', code: 'API_KEY_INVALID', type: 'INVALID_ARGUMENT' }],
    ['OpenRouter (numeric code)', '{"error":{"code":402,"message":"Insufficient credits"}}', { message: 'Insufficient credits', code: '402' }],
    ['Anthropic', '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}', { message: 'Overloaded', type: 'overloaded_error' }],
    ['DashScope native (top level)', '{"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"r"}', { message: 'Invalid API-key provided.', code: 'InvalidApiKey' }],
    ['Perplexity (an HTML page)', '<html><head><title>401 Authorization Required</title></head><body>openresty</body></html>', { message: '401 Authorization Required (an HTML page)' }],
  ])('%s', (_vendor, body, expected) => {
    expect(readVendorError(body)).toEqual(expected);
  });

  it('an empty or unreadable body still says something', () => {
    expect(readVendorError('').message).toBe('an empty body');
    expect(readVendorError('Bad Gateway').message).toBe('Bad Gateway');
  });
});

describe('classifyChatFailure: the status alone misleads', () => {
  it.each([
    [401, { message: 'invalid x-api-key', type: 'authentication_error' }, 'upstream_auth', false],
    [400, { message: 'Incorrect API key provided: xa***', code: 'Client specified an invalid argument' }, 'upstream_auth', false],
    [400, { message: 'API key not valid.', code: 'API_KEY_INVALID', type: 'INVALID_ARGUMENT' }, 'upstream_auth', false],
    [429, { message: 'You exceeded your current quota, please check your plan and billing details.', code: 'insufficient_quota' }, 'upstream_quota', false],
    [429, { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'RESOURCE_EXHAUSTED' }, 'upstream_rate_limited', true],
    [429, { message: 'Requests rate limit exceeded', code: 'Throttling.RateQuota' }, 'upstream_rate_limited', true],
    [402, { message: 'Insufficient Balance' }, 'upstream_quota', false],
    [529, { message: 'Overloaded', type: 'overloaded_error' }, 'upstream_error', true],
    [400, { message: "Unsupported parameter: 'max_tokens'", code: 'unsupported_parameter' }, 'invalid_request', false],
    [400, { message: 'Input data may contain inappropriate content.', code: 'DataInspectionFailed' }, 'content_policy_violation', false],
  ] as const)('%i %j is %s', (status, words, code, retryable) => {
    expect(classifyChatFailure(status, words)).toEqual({ code, retryable });
  });
});
