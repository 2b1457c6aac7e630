import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error';
import { parseCountTokensBody, parseMessagesBody } from './messages-request';

const base = { model: 'claude', max_tokens: 512 };

function rejection(body: unknown): ApiError {
  try {
    parseMessagesBody(body);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('parseMessagesBody: Anthropic Messages → the neutral OpenAI body', () => {
  it('system blocks, text and images become OpenAI messages and parts, cache_control kept', () => {
    const { body } = parseMessagesBody({
      ...base,
      system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
        { role: 'assistant', content: 'A cat.' },
        { role: 'user', content: [{ type: 'text', text: 'Sure?' }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        ],
      },
      { role: 'assistant', content: 'A cat.' },
      // One plain text part is sent as the string every vendor takes.
      { role: 'user', content: 'Sure?' },
    ]);
    expect(body.max_tokens).toBe(512);
  });

  it('a tool round trip: tool_use as tool_calls, tool_result as tool messages ahead of the turn, errors made visible', () => {
    const { body } = parseMessagesBody({
      ...base,
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'sunny' }] },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'no station', is_error: true },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'Error: no station' },
      { role: 'user', content: 'Thanks' },
    ]);
  });

  it('a cache breakpoint on a tool_result survives as a text part; images in a result follow as a user turn', () => {
    const { body } = parseMessagesBody({
      ...base,
      messages: [
        { role: 'user', content: 'Look' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'screenshot', input: {} }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', cache_control: { type: 'ephemeral' }, content: [{ type: 'text', text: 'done' }, { type: 'image', source: { type: 'url', url: 'https://x/s.png' } }] }],
        },
      ],
    });
    const messages = body.messages as Array<Record<string, unknown>>;
    expect(messages[1]).toEqual({ role: 'assistant', content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'screenshot', arguments: '{}' } }] });
    expect(messages[2]).toEqual({ role: 'tool', tool_call_id: 'toolu_1', content: [{ type: 'text', text: 'done', cache_control: { type: 'ephemeral' } }] });
    expect(messages[3]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Image from the result of tool call toolu_1:' },
        { type: 'image_url', image_url: { url: 'https://x/s.png' } },
      ],
    });
  });

  it('thinking and redacted thinking replay in order as thinking_blocks, with the text as reasoning_content', () => {
    const { body } = parseMessagesBody({
      ...base,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        { role: 'user', content: 'Hi [tool]' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'First, ', signature: 'sig-1' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'thinking', thinking: 'then.', signature: 'sig-2' },
            // Unsigned (reasoning from a vendor without signatures): text only, never a block Anthropic would refuse.
            { type: 'thinking', thinking: ' Unsigned.', signature: '' },
            { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
      ],
    });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    const assistant = (body.messages as Array<Record<string, unknown>>)[1]!;
    expect(assistant.thinking_blocks).toEqual([
      { type: 'thinking', thinking: 'First, ', signature: 'sig-1' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'thinking', thinking: 'then.', signature: 'sig-2' },
    ]);
    expect(assistant.reasoning_content).toBe('First, then. Unsigned.');
  });

  it('options: stop_sequences, sampling, user, tools and tool_choice mapped; top_k and unknown fields dropped and named', () => {
    const request = parseMessagesBody({
      ...base,
      stream: true,
      stop_sequences: ['END'],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      service_tier: 'auto',
      metadata: { user_id: 'u-1' },
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(request.stream).toBe(true);
    expect(request.dropped).toEqual(['top_k', 'service_tier']);
    expect(request.body).toEqual({
      model: 'claude',
      max_tokens: 512,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
      stop: ['END'],
      temperature: 0.2,
      top_p: 0.9,
      user: 'u-1',
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
    });
    const choices = ['auto', 'any', 'none'].map((type) => parseMessagesBody({ ...base, tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type }, messages: [{ role: 'user', content: 'x' }] }).body.tool_choice);
    expect(choices).toEqual(['auto', 'required', 'none']);
  });

  it('refuses what cannot be served, in words that name the field and the fix', () => {
    const noMax = rejection({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }] });
    expect(noMax.status).toBe(400);
    expect(noMax.message).toMatch(/^max_tokens is required: the most tokens the answer may have/);

    const server = rejection({ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }], messages: [{ role: 'user', content: 'Hi' }] });
    expect(server.message).toMatch(/tools\.0: "web_search" \(type "web_search_20250305"\).*reelay passes only client tools/);

    const system = rejection({ ...base, messages: [{ role: 'system', content: 'Hi' }] });
    expect(system.message).toMatch(/messages\.0\.role must be "user" or "assistant"/);

    const document = rejection({ ...base, messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] });
    expect(document.message).toMatch(/messages\.0\.content\.0: a "document" block cannot be passed on by reelay/);
  });

  it('count_tokens takes no max_tokens and keeps the tools that count', () => {
    const { model, body } = parseCountTokensBody({ model: 'claude', system: 'Be brief', tools: [{ name: 'f', input_schema: { type: 'object' } }], messages: [{ role: 'user', content: 'Hi' }] });
    expect(model).toBe('claude');
    expect(body.messages).toEqual([{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'Hi' }]);
    expect(body.tools).toHaveLength(1);
  });
});
