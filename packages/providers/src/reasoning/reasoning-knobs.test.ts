import { describe, expect, it } from 'vitest';
import { anthropicThinking } from '../anthropic/anthropic-thinking';
import { arkReasoning } from '../ark/ark-reasoning';
import { dashScopeReasoning } from '../dashscope/dashscope-reasoning';
import { deepSeekReasoning } from '../deepseek/deepseek-reasoning';
import { geminiReasoning } from '../gemini/gemini-reasoning';
import { openAIReasoning } from '../openai/openai-reasoning';
import { openRouterReasoning } from '../openrouter/openrouter-reasoning';
import { xaiReasoning } from '../xai/xai-reasoning';
import { readReasoningKnob, type ReasoningEffort } from './reasoning-knob';

const knob = (effort: ReasoningEffort) => readReasoningKnob({ reasoning_effort: effort })!;

describe('the reasoning knob, per vendor', () => {
  it('reads reasoning_effort, and Anthropic-shaped thinking by its budget', () => {
    expect(readReasoningKnob({ reasoning_effort: 'high' })).toEqual({ effort: 'high', source: 'reasoning_effort' });
    expect(readReasoningKnob({ thinking: { type: 'enabled', budget_tokens: 2048 } })).toEqual({ effort: 'medium', budgetTokens: 2048, source: 'thinking' });
    expect(readReasoningKnob({ thinking: { type: 'disabled' } })).toEqual({ effort: 'none', source: 'thinking' });
    expect(readReasoningKnob({ reasoning_effort: 'max' })).toEqual({ effort: 'xhigh', source: 'reasoning_effort' });
    expect(readReasoningKnob({})).toBeUndefined();
  });

  it('maps to Anthropic thinking with a budget inside max_tokens, and says when Claude cannot think', () => {
    expect(anthropicThinking({ reasoning_effort: 'low', messages: [] }, 4096)).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1024 }, maxTokens: 5120 });
    expect(anthropicThinking({ reasoning_effort: 'high', max_tokens: 3000, messages: [] }, 4096)).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 2999 }, maxTokens: 3000 });
    expect(anthropicThinking({ reasoning_effort: 'high', max_tokens: 500, messages: [] }, 4096).ignored[0]?.reason).toContain('no room');
    expect(anthropicThinking({ reasoning_effort: 'low', tool_choice: 'required', messages: [] }, 4096).ignored[0]?.reason).toContain('forces a tool');
    const loopFromElsewhere = { reasoning_effort: 'low', messages: [{ role: 'user', content: 'q' }, { role: 'assistant', tool_calls: [{ id: 'a' }] }, { role: 'tool', tool_call_id: 'a', content: 'r' }] };
    const fromElsewhere = anthropicThinking(loopFromElsewhere, 4096);
    expect(fromElsewhere.thinking).toBeUndefined();
    expect(fromElsewhere.ignored).toMatchObject([{ param: 'reasoning_effort', reason: expect.stringContaining('no Claude thinking block') }]);
    expect(anthropicThinking({ thinking: { type: 'enabled', budget_tokens: 1500 }, messages: [] }, 4096).thinking).toEqual({ type: 'enabled', budget_tokens: 1500 });
  });

  it('switches Ark and DeepSeek with thinking.type, and DeepSeek effort to high or max', () => {
    expect(arkReasoning(knob('high'), 'doubao', {})).toEqual({ fields: { thinking: { type: 'enabled' } }, label: 'reasoning_effort->thinking.type=enabled' });
    expect(arkReasoning(knob('none'), 'doubao', {})).toMatchObject({ fields: { thinking: { type: 'disabled' } } });
    expect(deepSeekReasoning(knob('low'))).toMatchObject({ fields: { thinking: { type: 'enabled' }, reasoning_effort: 'high' } });
    expect(deepSeekReasoning(knob('xhigh'))).toMatchObject({ fields: { reasoning_effort: 'max' } });
    expect(deepSeekReasoning(knob('minimal'))).toMatchObject({ fields: { thinking: { type: 'disabled' } } });
  });

  it('switches DashScope with enable_thinking and a budget, and keeps open-source Qwen3 out of thinking when not streamed', () => {
    expect(dashScopeReasoning(knob('low'), 'qwen3-max', { stream: true })).toMatchObject({ fields: { enable_thinking: true, thinking_budget: 1024 } });
    expect(dashScopeReasoning(knob('high'), 'qwen-plus', {})).toMatchObject({ fields: { enable_thinking: true } });
    expect(dashScopeReasoning(knob('none'), 'qwen-plus', {})).toMatchObject({ fields: { enable_thinking: false } });
    expect(dashScopeReasoning(undefined, 'qwen3-32b', {})).toMatchObject({ fields: { enable_thinking: false } });
    expect(dashScopeReasoning(undefined, 'qwen3-32b', { stream: true })).toBeUndefined();
  });

  it('passes reasoning_effort where it is the vendor field, rewriting what a model cannot take', () => {
    expect(openAIReasoning(knob('high'), 'gpt-5-mini')).toEqual({ fields: { reasoning_effort: 'high' } });
    expect(openAIReasoning(knob('high'), 'gpt-4o')).toMatchObject({ ignored: expect.stringContaining('not a reasoning model') });
    expect(geminiReasoning(knob('none'), 'gemini-3.1-pro-preview')).toMatchObject({ fields: { reasoning_effort: 'low' }, label: expect.stringContaining('cannot stop thinking') });
    expect(geminiReasoning(knob('none'), 'gemini-2.5-flash')).toEqual({ fields: { reasoning_effort: 'none' } });
    expect(xaiReasoning(knob('high'), 'grok-4-1-fast-reasoning')).toMatchObject({ ignored: expect.stringContaining('variant') });
    expect(xaiReasoning(knob('minimal'), 'grok-4.3')).toMatchObject({ fields: { reasoning_effort: 'low' } });
    expect(openRouterReasoning(knob('medium'))).toMatchObject({ fields: { reasoning: { effort: 'medium' } } });
  });
});
