import { describe, expect, it } from 'vitest';
import { TurnCapture } from './turn-capture';
import { hasState } from './turn-state';

const chunk = (delta: Record<string, unknown>) => JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] });

describe('TurnCapture', () => {
  it("rebuilds Claude's thinking blocks, in order, from a translated stream", () => {
    const capture = new TurnCapture();
    for (const json of [
      chunk({ role: 'assistant', content: '' }),
      chunk({ reasoning_content: 'first ' }),
      chunk({ reasoning_content: 'thought' }),
      chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'SIG1' }] }),
      chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: 'DATA' }] }),
      chunk({ reasoning_content: 'second' }),
      chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'SIG2' }] }),
      chunk({ tool_calls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
    ])
      capture.observeChunk(json);
    const state = capture.result();
    expect(state.thinkingBlocks).toEqual([
      { type: 'thinking', thinking: 'first thought', signature: 'SIG1' },
      { type: 'redacted_thinking', data: 'DATA' },
      { type: 'thinking', thinking: 'second', signature: 'SIG2' },
    ]);
    expect(state.toolCallIds).toEqual(['toolu_1']);
    expect(hasState(state)).toBe(true);
  });

  it('keeps a Gemini signature per call, for the calls that had one', () => {
    const capture = new TurnCapture();
    capture.observeChunk(chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'w', arguments: '{}' }, extra_content: { google: { thought_signature: 'S' } } }] }));
    capture.observeChunk(chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'w', arguments: '{}' } }] }));
    expect(capture.result()).toEqual({ toolCallIds: ['a', 'b'], signatures: { a: 'S' } });
  });

  it('reads a completion, and keeps nothing from an answer without tool calls', () => {
    const withTools = new TurnCapture();
    withTools.observeCompletion(JSON.stringify({ choices: [{ message: { role: 'assistant', reasoning_content: 'why', tool_calls: [{ id: 'call_1', function: { name: 'w', arguments: '{}' } }] } }] }));
    expect(withTools.result()).toEqual({ toolCallIds: ['call_1'], reasoningContent: 'why' });
    const plain = new TurnCapture();
    plain.observeCompletion(JSON.stringify({ choices: [{ message: { role: 'assistant', reasoning_content: 'why', content: 'hi' } }] }));
    expect(hasState(plain.result())).toBe(false);
  });
});
