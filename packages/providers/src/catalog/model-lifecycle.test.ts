import { describe, expect, it } from 'vitest';
import { MODEL_RETIREMENTS, retirementHint, retirementOf } from './model-lifecycle';
import { deploymentNotices } from './vendor-catalog';

describe('the model lifecycle table', () => {
  it('names the date and the replacement of a retired model, and says when only third parties reported it', () => {
    expect(retirementHint('anthropic', 'claude-3-sonnet-20240229', new Date('2026-12-01'))).toBe(
      'claude-3-sonnet-20240229 was retired by the vendor on 2025-07-21; use claude-sonnet-4-5-20250929 instead (source: docs.anthropic.com/en/docs/about-claude/model-deprecations).',
    );
    expect(retirementHint('deepseek', 'deepseek-chat', new Date('2026-12-01'))).toMatch(/^deepseek-chat was retired by the vendor on 2026-07-24 \(reported by third parties\); use deepseek-v4-flash/);
    expect(retirementHint('volcengine', 'doubao-pro-32k-240615')).toMatch(/is shut down by the vendor \(reported by third parties\); use doubao-seed-1-6-251015/);
  });

  it('says "is to be retired" before the date', () => {
    expect(retirementHint('dashscope', 'qwen-turbo', new Date('2026-09-01'))).toMatch(/^qwen-turbo is to be retired by the vendor on 2026-10-10/);
  });

  it('matches the prefix too: a model of the same name elsewhere is not retired', () => {
    expect(retirementOf('openrouter', 'deepseek-chat')).toBeUndefined();
    expect(retirementOf('anthropic', 'claude-sonnet-4-5-20250929')).toBeUndefined();
    expect(retirementOf('openai', 'gpt-4o')).toBeUndefined();
    // openai/ also reaches other servers: their gpt-4 is theirs.
    expect(retirementOf('openai', 'gpt-4', 'http://vllm.internal:8000/v1')).toBeUndefined();
    expect(retirementOf('openai', 'gpt-4', 'https://api.openai.com/v1')).toBeDefined();
  });

  it('gives every entry a source and a replacement', () => {
    for (const entry of MODEL_RETIREMENTS) {
      expect(entry.source.length).toBeGreaterThan(5);
      expect(entry.replacement.length).toBeGreaterThan(3);
    }
  });

  it('is a start-up notice of the deployment, the vendor’s own notice winning where it has one', () => {
    expect(deploymentNotices('gemini', { model: 'gemini-3-pro-preview' }, new Date('2026-12-01'))).toEqual([expect.stringContaining('gemini-3.1-pro-preview')]);
    expect(deploymentNotices('openai', { model: 'sora-2' }, new Date('2026-12-01'))).toEqual([expect.stringContaining('Videos API')]);
    expect(deploymentNotices('gemini', { model: 'gemini-2.5-flash-lite' })).toEqual([]);
  });
});
