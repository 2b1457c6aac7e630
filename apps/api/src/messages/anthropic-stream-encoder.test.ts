import { describe, expect, it } from 'vitest';
import { UpstreamError } from '@reelay/providers';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder';
import { toAnthropicMessage } from './anthropic-message';

type Json = Record<string, unknown>;

const context = { model: 'anthropic-chat', inputTokens: 42 };

function chunk(delta: Json, finishReason: string | null = null) {
  return { json: JSON.stringify({ id: 'msg_abc', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] }), usageOnly: false };
}

/** The SSE text as [event name, data] pairs, checking every event's name matches its data's type. */
function events(text: string): Array<[string, Json]> {
  return text
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      const name = eventLine!.replace(/^event: /, '');
      const data = JSON.parse(dataLine!.replace(/^data: /, '')) as Json;
      expect(data.type).toBe(name);
      return [name, data];
    });
}

describe('AnthropicStreamEncoder', () => {
  it('thinking, text and a tool call become blocks with consecutive indexes, each closed when the next starts', () => {
    const encoder = new AnthropicStreamEncoder(context);
    const usageChunk = {
      json: JSON.stringify({ id: 'msg_abc', choices: [], usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 30 } } }),
      usageOnly: true,
    };
    const text = [
      encoder.chunk(chunk({ role: 'assistant', content: '' })),
      encoder.chunk(chunk({ reasoning_content: 'Think' })),
      encoder.chunk(chunk({ reasoning_content: 'ing.' })),
      encoder.chunk(chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'sig-1' }] })),
      encoder.chunk(chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: 'opaque' }] })),
      encoder.chunk(chunk({ content: 'Let me ' })),
      encoder.chunk(chunk({ content: 'check.' })),
      encoder.chunk(chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] })),
      encoder.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city"' } }] })),
      encoder.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: ': "Paris"}' } }] })),
      encoder.chunk(chunk({}, 'tool_calls')),
      encoder.chunk(usageChunk),
      encoder.end({ promptTokens: 100, completionTokens: 20, totalTokens: 120, cachedTokens: 30 }),
    ].join('');
    const seen = events(text);
    expect(seen.map(([name, data]) => `${name}${data.index === undefined ? '' : `:${String(data.index)}`}${data.delta && (data.delta as Json).type ? `:${String((data.delta as Json).type)}` : ''}`)).toEqual([
      'message_start',
      'content_block_start:0',
      'content_block_delta:0:thinking_delta',
      'content_block_delta:0:thinking_delta',
      'content_block_delta:0:signature_delta',
      'content_block_stop:0',
      'content_block_start:1',
      'content_block_stop:1',
      'content_block_start:2',
      'content_block_delta:2:text_delta',
      'content_block_delta:2:text_delta',
      'content_block_stop:2',
      'content_block_start:3',
      'content_block_delta:3:input_json_delta',
      'content_block_delta:3:input_json_delta',
      'content_block_stop:3',
      'message_delta',
      'message_stop',
    ]);
    const start = seen[0]![1].message as Json;
    // Never zeroed: Claude Code breaks on a message_start without input usage (LiteLLM #24176).
    expect(start).toMatchObject({ id: 'msg_abc', model: 'anthropic-chat', role: 'assistant', content: [], usage: { input_tokens: 42 } });
    expect(seen[4]![1].delta).toEqual({ type: 'signature_delta', signature: 'sig-1' });
    expect(seen[6]![1].content_block).toEqual({ type: 'redacted_thinking', data: 'opaque' });
    expect(seen[12]![1].content_block).toEqual({ type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} });
    expect(seen.filter(([, data]) => data.index === 3 && data.delta).map(([, data]) => (data.delta as Json).partial_json).join('')).toBe('{"city": "Paris"}');
    expect(seen[16]![1]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      // Anthropic's input_tokens leaves the cache reads out (text-providers.md §2.2).
      usage: { input_tokens: 70, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 30 },
    });
  });

  it('never sends an empty input_json_delta, and a text-only answer ends end_turn with the usage from the usage chunk', () => {
    const encoder = new AnthropicStreamEncoder(context);
    const text = [
      encoder.chunk(chunk({ content: 'Hello' })),
      encoder.chunk(chunk({ tool_calls: [] })),
      encoder.chunk(chunk({ content: '' }, 'stop')),
      encoder.chunk({ json: JSON.stringify({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 3 } }), usageOnly: true }),
      encoder.end(undefined),
    ].join('');
    const seen = events(text);
    expect(seen.some(([, data]) => (data.delta as Json | undefined)?.type === 'input_json_delta')).toBe(false);
    expect(seen.at(-2)![1]).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { input_tokens: 9, output_tokens: 3, cache_read_input_tokens: 0 } });
  });

  it('a failure after content is an Anthropic error event and no message_stop', () => {
    const encoder = new AnthropicStreamEncoder(context);
    const text = encoder.chunk(chunk({ content: 'Hel' })) + encoder.failure(new UpstreamError({ code: 'upstream_error', message: 'Anthropic answered 529: Overloaded', url: 'x', statusCode: 529, isRetryable: true }));
    const seen = events(text);
    expect(seen.at(-1)).toEqual(['error', { type: 'error', error: { type: 'overloaded_error', message: 'Anthropic answered 529: Overloaded', details: { error_code: 'upstream_error' } } }]);
    expect(seen.some(([name]) => name === 'message_stop')).toBe(false);
  });
});

describe('toAnthropicMessage (non-stream)', () => {
  it('signed thinking blocks, text and tool_use with parsed input; usage without the cache reads', () => {
    const json = JSON.stringify({
      id: 'chatcmpl-1',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: 'Checking.',
            reasoning_content: 'Hmm.',
            thinking_blocks: [{ type: 'thinking', thinking: 'Hmm.', signature: 'sig-1' }, { type: 'redacted_thinking', data: 'opaque' }],
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
          },
        },
      ],
      usage: { prompt_tokens: 50, completion_tokens: 12, total_tokens: 62, prompt_tokens_details: { cached_tokens: 10 } },
    });
    const message = toAnthropicMessage(json, context);
    expect(message.id).toMatch(/^msg_/);
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: 'anthropic-chat', stop_reason: 'tool_use', stop_sequence: null });
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Hmm.', signature: 'sig-1' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(message.usage).toEqual({ input_tokens: 40, output_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 10 });
  });

  it('reasoning without a signature (DeepSeek, OpenRouter) is one unsigned thinking block; length is max_tokens', () => {
    const json = JSON.stringify({ choices: [{ finish_reason: 'length', message: { role: 'assistant', content: 'Partial', reasoning: 'Because.' } }], usage: { prompt_tokens: 5, completion_tokens: 7 } });
    const message = toAnthropicMessage(json, context);
    expect(message.content).toEqual([{ type: 'thinking', thinking: 'Because.', signature: '' }, { type: 'text', text: 'Partial' }]);
    expect(message.stop_reason).toBe('max_tokens');
  });
});
