import { describe, expect, it } from 'vitest';
import { vertexClaudeUrl } from './vertex-url';

const target = { project: 'my-project', location: 'us-east5', model: 'claude-sonnet-4-5@20250929' };
const PATH = '/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929';

describe('vertexClaudeUrl', () => {
  it('a region has its own host; the stream has its own method', () => {
    expect(vertexClaudeUrl(target, false)).toBe(`https://us-east5-aiplatform.googleapis.com${PATH}:rawPredict`);
    expect(vertexClaudeUrl(target, true)).toBe(`https://us-east5-aiplatform.googleapis.com${PATH}:streamRawPredict`);
  });

  it('global has no region in its host', () => {
    expect(vertexClaudeUrl({ ...target, location: 'global' }, false)).toBe(
      'https://aiplatform.googleapis.com/v1/projects/my-project/locations/global/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict',
    );
  });

  it.each([
    ['an origin', 'http://127.0.0.1:4029', `http://127.0.0.1:4029${PATH}:rawPredict`],
    ['an origin with a slash', 'http://127.0.0.1:4029/', `http://127.0.0.1:4029${PATH}:rawPredict`],
    ['an origin with /v1', 'https://eu-proxy.example/v1', `https://eu-proxy.example${PATH}:rawPredict`],
    ['a proxy prefix', 'https://gateway.ai.cloudflare.com/v1/acct/gw/google-vertex-ai', `https://gateway.ai.cloudflare.com/v1/acct/gw/google-vertex-ai${PATH}:rawPredict`],
    ['the whole model URL (LiteLLM appends the method)', `https://proxy.example${PATH}`, `https://proxy.example${PATH}:rawPredict`],
    ['the whole URL with a method pasted on', `https://proxy.example${PATH}:streamRawPredict`, `https://proxy.example${PATH}:rawPredict`],
  ])('api_base as %s replaces Google\'s host', (_form, apiBase, expected) => {
    expect(vertexClaudeUrl({ ...target, apiBase }, false)).toBe(expected);
  });
});
