import { describe, expect, it } from 'vitest';
import { NO_REASONING_REPLAY, SKIP_THOUGHT_SIGNATURE, type ReasoningReplay } from '@reelay/providers';
import { fitReasoning } from './fit-reasoning';
import type { TurnOrigin } from './turn-state';

const GEMINI: ReasoningReplay = { family: 'gemini', reasoningContent: 'stripped', thinkingBlocks: false, thoughtSignatures: 'required' };
const CLAUDE: ReasoningReplay = { family: 'anthropic', reasoningContent: 'stripped', thinkingBlocks: true, thoughtSignatures: 'stripped' };
const DEEPSEEK: ReasoningReplay = { family: 'deepseek', reasoningContent: 'required', thinkingBlocks: false, thoughtSignatures: 'stripped' };

const call = (id: string, signature?: string) => ({
  id,
  type: 'function',
  function: { name: 'weather', arguments: '{}' },
  ...(signature ? { extra_content: { google: { thought_signature: signature } } } : {}),
});

function conversation(assistant: Record<string, unknown>) {
  return { model: 'g', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, ...assistant }, { role: 'tool', tool_call_id: 'call_a', content: 'sunny' }] };
}

const origin = (family: string, model: string): Map<number, TurnOrigin> => new Map([[1, { provider: family, family, model }]]);
const assistantOf = (body: Record<string, unknown>) => (body.messages as Array<Record<string, unknown>>)[1]!;

describe('fitReasoning', () => {
  it('keeps a Gemini signature for the model that made it, and only on the call that had one', () => {
    const body = conversation({ tool_calls: [call('call_a', 'SIG'), call('call_b')] });
    const fitted = assistantOf(fitReasoning(body, origin('gemini', 'gemini-3-pro'), { replay: GEMINI, model: 'gemini-3-pro' }));
    expect(fitted.tool_calls).toEqual([call('call_a', 'SIG'), call('call_b')]);
  });

  it("replaces another model's signature with Gemini's placeholder, on the first call only", () => {
    const body = conversation({ tool_calls: [call('call_a', 'SIG'), call('call_b')] });
    const fitted = assistantOf(fitReasoning(body, origin('gemini', 'gemini-3-pro'), { replay: GEMINI, model: 'gemini-3-flash' }));
    expect(fitted.tool_calls).toEqual([call('call_a', SKIP_THOUGHT_SIGNATURE), call('call_b')]);
  });

  it('gives a Gemini 3 target the placeholder for a history another vendor wrote, and leaves out what Gemini cannot read', () => {
    const body = conversation({ tool_calls: [call('call_a')], reasoning_content: 'thought', thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 's' }] });
    const fitted = assistantOf(fitReasoning(body, origin('anthropic', 'claude'), { replay: GEMINI, model: 'gemini-3-pro' }));
    expect(fitted).toEqual({ role: 'assistant', content: null, tool_calls: [call('call_a', SKIP_THOUGHT_SIGNATURE)] });
  });

  it("keeps Claude's thinking blocks for Claude and drops them for a vendor of another family", () => {
    const blocks = [{ type: 'thinking', thinking: 't', signature: 's' }, { type: 'redacted_thinking', data: 'd' }];
    const body = conversation({ tool_calls: [call('call_a')], thinking_blocks: blocks, reasoning_content: 't' });
    expect(assistantOf(fitReasoning(body, origin('anthropic', 'claude'), { replay: CLAUDE, model: 'claude' })).thinking_blocks).toEqual(blocks);
    const toDeepSeek = assistantOf(fitReasoning(body, origin('anthropic', 'claude'), { replay: DEEPSEEK, model: 'deepseek-v4-flash' }));
    expect(toDeepSeek.thinking_blocks).toBeUndefined();
    // DeepSeek needs the field on every tool-call turn: Claude's text is not DeepSeek's reasoning, so an empty one.
    expect(toDeepSeek.reasoning_content).toBe('');
  });

  it("gives DeepSeek its own reasoning_content back, and an empty one where none is known", () => {
    const own = conversation({ tool_calls: [call('call_a')], reasoning_content: 'mine' });
    expect(assistantOf(fitReasoning(own, origin('deepseek', 'deepseek-v4-flash'), { replay: DEEPSEEK, model: 'deepseek-v4-flash' })).reasoning_content).toBe('mine');
    const unknown = conversation({ tool_calls: [call('call_a')] });
    expect(assistantOf(fitReasoning(unknown, new Map(), { replay: DEEPSEEK, model: 'deepseek-v4-flash' })).reasoning_content).toBe('');
  });

  it('strips every reasoning field for a vendor that reads none, and returns an untouched body as the same object', () => {
    const body = conversation({ tool_calls: [call('call_a', 'SIG')], reasoning_content: 'r', thinking_blocks: [] });
    expect(assistantOf(fitReasoning(body, new Map(), { replay: NO_REASONING_REPLAY, model: 'gpt-5' }))).toEqual({ role: 'assistant', content: null, tool_calls: [call('call_a')] });
    const plain = conversation({ tool_calls: [call('call_a')] });
    expect(fitReasoning(plain, new Map(), { replay: NO_REASONING_REPLAY, model: 'gpt-5' })).toBe(plain);
  });
});
