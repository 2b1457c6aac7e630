import { describe, expect, it } from 'vitest';
import { AnthropicStreamTranslator } from './anthropic-stream-translator';
import { fromAnthropicMessage } from './from-anthropic-message';
import { anthropicUnsupportedParams, toAnthropicRequest } from './to-anthropic-request';

describe('toAnthropicRequest', () => {
  it('hoists system and developer messages, merges tool results into one user turn, maps tool calls and choices', () => {
    const body = {
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Cite.', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }, { type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call.1', type: 'function', function: { name: 'w', arguments: '{"city":"Paris"}' } }, { id: 'call:2', type: 'function', function: { name: 'w', arguments: '' } }] },
        { role: 'tool', tool_call_id: 'call.1', content: '18C' },
        { role: 'tool', tool_call_id: 'call:2', content: '20C' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: [{ type: 'function', function: { name: 'w', description: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      temperature: 1.7,
      stop: 'END',
      user: 'u1',
      max_completion_tokens: 300,
    };
    expect(toAnthropicRequest(body, 'claude-x', true)).toEqual({
      model: 'claude-x',
      stream: true,
      max_tokens: 300,
      temperature: 1,
      stop_sequences: ['END'],
      metadata: { user_id: 'u1' },
      system: [{ type: 'text', text: 'Be terse.' }, { type: 'text', text: 'Cite.', cache_control: { type: 'ephemeral' } }],
      tools: [{ name: 'w', description: 'weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }, { type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'w', input: { city: 'Paris' } }, { type: 'tool_use', id: 'call_2', name: 'w', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '18C' }, { type: 'tool_result', tool_use_id: 'call_2', content: '20C' }, { type: 'text', text: 'Thanks' }] },
      ],
    });
  });

  it('gives max_tokens a default and names the options Messages has no counterpart for', () => {
    expect(toAnthropicRequest({ messages: [{ role: 'user', content: 'Hi' }] }, 'c', false).max_tokens).toBe(4096);
    expect(anthropicUnsupportedParams({ seed: 1, n: 1, logprobs: true }).map((u) => u.param)).toEqual(['logprobs', 'seed']);
  });
});

describe('from Anthropic to OpenAI', () => {
  it('a message: text joined, thinking as reasoning_content and whole in thinking_blocks, tool_use as tool_calls, cache reads in prompt_tokens', () => {
    const completion = fromAnthropicMessage({
      id: 'msg_1',
      model: 'claude-x',
      stop_reason: 'tool_use',
      content: [{ type: 'thinking', thinking: 'hmm', signature: 's' }, { type: 'text', text: 'Let me check.' }, { type: 'tool_use', id: 'toolu_1', name: 'w', input: { city: 'Paris' } }],
      usage: { input_tokens: 5, cache_read_input_tokens: 10, cache_creation_input_tokens: 2, output_tokens: 7 },
    }, 1_000_000);
    const parsed = JSON.parse(completion.json);
    expect(parsed.choices[0]).toEqual({
      index: 0,
      logprobs: null,
      finish_reason: 'tool_calls',
      message: { role: 'assistant', content: 'Let me check.', reasoning_content: 'hmm', thinking_blocks: [{ type: 'thinking', thinking: 'hmm', signature: 's' }], tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'w', arguments: '{"city":"Paris"}' } }] },
    });
    expect(completion.usage).toEqual({ promptTokens: 17, completionTokens: 7, totalTokens: 24, cachedTokens: 10 });
  });

  it('a stream: role first, text and tool argument deltas, the finish reason, then one usage chunk', () => {
    const t = new AnthropicStreamTranslator();
    const chunks = [
      ['message_start', { message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 9, output_tokens: 1 } } }],
      ['ping', {}],
      ['content_block_start', { index: 0, content_block: { type: 'text', text: '' } }],
      ['content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } }],
      ['content_block_start', { index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'w', input: {} } }],
      ['content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } }],
      ['content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } }],
      ['message_delta', { delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 12 } }],
      ['message_stop', {}],
    ] as const;
    const parts = chunks.flatMap(([event, data]) => t.translate(event, data as Record<string, unknown>));
    const json = parts.map((p) => (p.type === 'chunk' ? JSON.parse(p.json) : p));
    expect(json[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(json[1].choices[0].delta).toEqual({ content: 'Hi' });
    expect(json[2].choices[0].delta.tool_calls[0]).toMatchObject({ index: 0, id: 'toolu_1', function: { name: 'w', arguments: '' } });
    expect(json[3].choices[0].delta.tool_calls[0].function.arguments + json[4].choices[0].delta.tool_calls[0].function.arguments).toBe('{"city":"Paris"}');
    expect(json[5].choices[0].finish_reason).toBe('tool_calls');
    expect(json[6]).toMatchObject({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 } });
    expect(parts.map((p) => p.type === 'chunk' && p.output)).toEqual([false, true, true, true, true, true, false]);
    expect(t.stopped).toBe(true);
  });
});

describe('thinking across turns', () => {
  it("replays a tool turn's thinking blocks first, unchanged and in order, and maps reasoning_effort to a budget", () => {
    const blocks = [{ type: 'thinking', thinking: 'a', signature: 'S1' }, { type: 'redacted_thinking', data: 'D' }, { type: 'thinking', thinking: 'b', signature: 'S2' }];
    const body = toAnthropicRequest(
      {
        reasoning_effort: 'medium',
        messages: [
          { role: 'user', content: 'weather?' },
          { role: 'assistant', content: 'Checking.', thinking_blocks: blocks, reasoning_content: 'ab', tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'w', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
        ],
      },
      'claude-x',
      false,
    );
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    expect(body.max_tokens).toBe(4096 + 8192);
    const assistant = (body.messages as Array<{ content: Array<Record<string, unknown>> }>)[1]!;
    expect(assistant.content.map((block) => block.type)).toEqual(['thinking', 'redacted_thinking', 'thinking', 'text', 'tool_use']);
    expect(assistant.content.slice(0, 3)).toEqual(blocks);
  });
});
