/**
 * An Agent API run in the shape Perplexity streams it (one `data: {json}` line per event, no
 * `event:` line, no `[DONE]`), modelled on a live transcript @ai-sdk/perplexity recorded on
 * 2026-09-25 with the `fast` preset; the text and results here are made up. Quirks it keeps:
 * the `search_web` function_call item that never reaches the final output, the results
 * announced twice (event, then item), a message item added with `content: null`, empty
 * annotations with the citation only as `[1]` in the text, sequence numbers with gaps, and a
 * preset name as `model` until the final snapshot names the model that answered.
 */
const RESULTS = [
  { id: 1, url: 'https://example.com/paris-weather', title: 'Paris weather', snippet: 'Mild and cloudy.', date: '2026-12-01', last_updated: '2026-12-03', source: 'web' },
  { id: 2, url: 'https://example.org/paris', title: 'Paris', snippet: 'Capital of France.', last_updated: '2026-11-30', source: 'web' },
];
const MESSAGE_ID = 'msg_0b1c';
const TEXT = 'Mild and cloudy in Paris.[1]';
const USAGE = {
  input_tokens: 1200,
  input_tokens_details: { cache_creation_input_tokens: 0, cache_read_input_tokens: 1000, cached_tokens: 1000 },
  output_tokens: 12,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 1212,
  tool_calls_details: { search_web: { invocation: 1, cost_usd: 0.005 } },
  cost: { currency: 'USD', input_cost: 0.0002, output_cost: 0.00001, tool_calls_cost: 0.005, total_cost: 0.00521 },
};
const head = { id: 'resp_5a7e', object: 'response', created_at: 1796000000, store: false, tools: [{ type: 'web_search' }], tool_choice: 'auto' };

export const FINAL_RESPONSE = {
  ...head,
  model: 'openai/gpt-6-luna',
  status: 'completed',
  error: null,
  incomplete_details: null,
  output: [
    { type: 'search_results', queries: ['paris weather today'], results: RESULTS },
    { type: 'message', id: MESSAGE_ID, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: TEXT, annotations: [] }] },
  ],
  usage: USAGE,
};

const deltas = ['Mild', ' and cloudy', ' in Paris.', '[', '1', ']'];

export const STREAM_EVENTS: Array<Record<string, unknown>> = [
  { type: 'response.created', sequence_number: 0, response: { ...head, model: 'fast', status: 'in_progress', output: [], usage: null } },
  { type: 'response.in_progress', sequence_number: 1, response: { ...head, model: 'fast', status: 'in_progress', output: [], usage: null } },
  { type: 'response.output_item.added', sequence_number: 3, output_index: 0, item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'search_web', arguments: '{"queries":["paris weather today"]}', status: 'completed' } },
  { type: 'response.reasoning.search_queries', sequence_number: 4, call_id: 'call_1', queries: ['paris weather today'], thought: 'Searching the web...' },
  { type: 'response.reasoning.search_results', sequence_number: 5, call_id: 'call_1', results: RESULTS, thought: 'Found 2 results' },
  { type: 'response.output_item.done', sequence_number: 6, output_index: 0, item: FINAL_RESPONSE.output[0] },
  { type: 'response.output_item.added', sequence_number: 7, output_index: 1, item: { type: 'message', id: MESSAGE_ID, role: 'assistant', status: 'completed', content: null } },
  ...deltas.map((delta, index) => ({ type: 'response.output_text.delta', sequence_number: 8 + index, item_id: MESSAGE_ID, output_index: 1, content_index: 0, delta })),
  { type: 'response.output_text.done', sequence_number: 15, item_id: MESSAGE_ID, output_index: 1, content_index: 0, text: TEXT },
  { type: 'response.output_item.done', sequence_number: 16, output_index: 1, item: FINAL_RESPONSE.output[1] },
  { type: 'response.completed', sequence_number: 17, response: FINAL_RESPONSE },
];

export const EXPECTED_TEXT = TEXT;
export const EXPECTED_CITATIONS = RESULTS.map((result) => result.url);
export const EXPECTED_RESULTS = RESULTS;
