import { describe, expect, it } from 'vitest';
import { perplexityAgentUrl, servesSonarChatCompletions } from './perplexity-base-url';
import { agentEngineOf } from './perplexity-models';
import { agentTranslatedParams, agentUnsupportedParams, toAgentRequest } from './to-agent-request';

describe('toAgentRequest', () => {
  it('sonar: the perplexity/sonar slug with web search forced, system as instructions, turns as input items, the limit as max_output_tokens', () => {
    const body = {
      model: 'sonar',
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Cite sources.' }] },
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: 'Mild.' },
        { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }, { type: 'image_url', image_url: { url: 'https://x.test/sky.png' } }] },
      ],
      max_tokens: 300,
      temperature: 0.2,
      stream_options: { include_usage: true },
    };
    expect(toAgentRequest(body, 'sonar', true)).toEqual({
      model: 'perplexity/sonar',
      instructions: 'Be terse.\n\nCite sources.',
      input: [
        { type: 'message', role: 'user', content: 'Weather in Paris?' },
        { type: 'message', role: 'assistant', content: 'Mild.' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'And tomorrow?' }, { type: 'input_image', image_url: 'https://x.test/sky.png' }] },
      ],
      max_output_tokens: 300,
      temperature: 0.2,
      tools: [{ type: 'web_search' }],
      tool_choice: { type: 'web_search' },
      stream: true,
    });
  });

  it('sonar-pro: the low preset, no model and no bare tool (the preset has web search); max_completion_tokens wins', () => {
    const body = { model: 'sonar-pro', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 10, max_completion_tokens: 20 };
    expect(toAgentRequest(body, 'sonar-pro', false)).toEqual({ preset: 'low', input: [{ type: 'message', role: 'user', content: 'Hi' }], max_output_tokens: 20 });
  });

  it("moves Sonar's search options onto the web_search tool, for a preset too", () => {
    const body = {
      messages: [{ role: 'user', content: 'News?' }],
      search_domain_filter: ['example.com', '-spam.test'],
      search_recency_filter: 'week',
      web_search_options: { search_context_size: 'high', user_location: { country: 'FR' } },
      num_search_results: 5,
    };
    const tool = { type: 'web_search', filters: { search_domain_filter: ['example.com', '-spam.test'], search_recency_filter: 'week' }, search_context_size: 'high', user_location: { country: 'FR' }, max_results: 5 };
    expect(toAgentRequest(body, 'sonar-deep-research', false)).toMatchObject({ preset: 'medium', tools: [tool] });
    expect(agentTranslatedParams(body, 'sonar-deep-research')).toEqual([
      'model->preset medium',
      'search_domain_filter->tools.web_search.filters.search_domain_filter',
      'search_recency_filter->tools.web_search.filters.search_recency_filter',
      'web_search_options.search_context_size->tools.web_search.search_context_size',
      'web_search_options.user_location->tools.web_search.user_location',
      'num_search_results->tools.web_search.max_results',
    ]);
  });

  it('disable_search on a model id sends no tool; an Agent API slug is offered search, not forced', () => {
    const messages = [{ role: 'user', content: 'Hi' }];
    expect(toAgentRequest({ messages, disable_search: true }, 'sonar', false)).toEqual({ model: 'perplexity/sonar', input: [{ type: 'message', role: 'user', content: 'Hi' }] });
    expect(toAgentRequest({ messages }, 'openai/gpt-5.1', false)).toEqual({ model: 'openai/gpt-5.1', input: [{ type: 'message', role: 'user', content: 'Hi' }], tools: [{ type: 'web_search' }] });
  });

  it('keeps json_schema response formats and reasoning effort; drops tool turns, which it cannot map', () => {
    const format = { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } };
    const body = {
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '18C' },
      ],
      response_format: format,
      reasoning_effort: 'high',
    };
    expect(toAgentRequest(body, 'sonar-reasoning-pro', false)).toEqual({ preset: 'low', input: [{ type: 'message', role: 'user', content: 'Hi' }], response_format: format, reasoning: { effort: 'high' } });
  });
});

describe('agentUnsupportedParams', () => {
  it('names what the Agent API cannot take, tools first, and lets defaults through', () => {
    const body = {
      model: 'sonar',
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [{ type: 'function', function: { name: 'w' } }],
      tool_choice: 'auto',
      n: 1,
      presence_penalty: 0,
      logprobs: false,
      stop: ['END'],
      return_related_questions: true,
      response_format: { type: 'json_object' },
      made_up_option: 1,
      stream: true,
      stream_options: { include_usage: true },
    };
    expect(agentUnsupportedParams(body, 'sonar').map((p) => p.param)).toEqual(['tools', 'tool_choice', 'stop', 'return_related_questions', 'response_format', 'made_up_option']);
    expect(agentUnsupportedParams({ n: 2, tools: [] }, 'sonar')).toEqual([{ param: 'n', reason: 'the Agent API returns one answer per request' }]);
    // Bookkeeping a client always sends is not sent, and said so, rather than refused.
    expect(agentUnsupportedParams({ user: 'u-1', metadata: { a: '1' } }, 'sonar')).toEqual([]);
    expect(agentTranslatedParams({ user: 'u-1' }, 'perplexity/sonar')).toEqual(['user->(not sent: no Agent API counterpart)']);
    expect(toAgentRequest({ messages: [], user: 'u-1', reasoning_effort: 'none' }, 'openai/gpt-5.1', false)).toEqual({ model: 'openai/gpt-5.1', input: [], reasoning: { effort: 'minimal' }, tools: [{ type: 'web_search' }] });
  });

  it("disable_search is fine on a model id, refused on a preset (its search cannot be turned off)", () => {
    expect(agentUnsupportedParams({ disable_search: true }, 'sonar')).toEqual([]);
    expect(agentUnsupportedParams({ disable_search: true }, 'sonar-pro').map((p) => p.param)).toEqual(['disable_search']);
    expect(agentUnsupportedParams({ web_search_options: { search_type: 'pro' } }, 'sonar').map((p) => p.param)).toEqual(['web_search_options']);
  });
});

describe('names and bases', () => {
  it.each([
    ['sonar', { kind: 'model', model: 'perplexity/sonar', forceSearch: true }],
    ['sonar-pro', { kind: 'preset', preset: 'low' }],
    ['sonar-reasoning', { kind: 'preset', preset: 'low' }],
    ['sonar-reasoning-pro', { kind: 'preset', preset: 'low' }],
    ['sonar-deep-research', { kind: 'preset', preset: 'medium' }],
    ['pro-search', { kind: 'preset', preset: 'pro-search' }],
    ['xhigh', { kind: 'preset', preset: 'xhigh' }],
    ['perplexity/sonar', { kind: 'model', model: 'perplexity/sonar' }],
    ['anthropic/claude-sonnet-4-5', { kind: 'model', model: 'anthropic/claude-sonnet-4-5' }],
  ])('%s runs on %j', (model, engine) => {
    expect(agentEngineOf(model)).toEqual(engine);
  });

  it.each([
    [undefined, 'https://api.perplexity.ai/v1/agent'],
    ['https://api.perplexity.ai/', 'https://api.perplexity.ai/v1/agent'],
    ['https://api.perplexity.ai/v1', 'https://api.perplexity.ai/v1/agent'],
    ['https://api.perplexity.ai/v1/responses', 'https://api.perplexity.ai/v1/agent'],
    ['https://api.perplexity.ai/chat/completions', 'https://api.perplexity.ai/v1/agent'],
    ['http://127.0.0.1:4022', 'http://127.0.0.1:4022/v1/agent'],
  ])('api_base %s calls %s', (base, url) => {
    expect(perplexityAgentUrl(base)).toBe(url);
    expect(servesSonarChatCompletions(base)).toBe(false);
  });

  it('a /chat/completions base on another host keeps the Sonar chat completions path', () => {
    expect(servesSonarChatCompletions('https://sonar-proxy.example/v1/chat/completions/')).toBe(true);
    expect(servesSonarChatCompletions('https://API.perplexity.ai/chat/completions')).toBe(false);
  });
});
