import type { AgentAnswer } from './agent-answer';
import type { AgentRequest } from './agent-request';

/** Token prices of this fake: $1 per million each way, $0.005 per web search (Perplexity bills per tool call). */
const TOKEN_PRICE = 1 / 1_000_000;
const SEARCH_PRICE = 0.005;
const round = (dollars: number) => Math.round(dollars * 1e8) / 1e8;

export function searchResultsItem(answer: AgentAnswer) {
  return { type: 'search_results', queries: answer.queries, results: answer.results };
}

/** The message item; its one `output_text` part has empty annotations, as Perplexity's usually do. */
export function messageItem(answer: AgentAnswer) {
  return { type: 'message', id: answer.messageId, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: answer.pieces.join(''), annotations: [] }] };
}

export function agentUsage(answer: AgentAnswer) {
  const searches = answer.results.length > 0 ? 1 : 0;
  const input = round(answer.inputTokens * TOKEN_PRICE);
  const output = round(answer.outputTokens * TOKEN_PRICE);
  return {
    input_tokens: answer.inputTokens,
    input_tokens_details: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, cached_tokens: 0 },
    output_tokens: answer.outputTokens,
    output_tokens_details: { reasoning_tokens: answer.reasoning.length > 0 ? 5 : 0 },
    total_tokens: answer.inputTokens + answer.outputTokens,
    ...(searches > 0 ? { tool_calls_details: { search_web: { invocation: searches, cost_usd: SEARCH_PRICE } } } : {}),
    cost: { currency: 'USD', input_cost: input, output_cost: output, tool_calls_cost: searches * SEARCH_PRICE, total_cost: round(input + output + searches * SEARCH_PRICE) },
  };
}

/** The Response object: `in_progress` and empty for the opening events, complete for the final snapshot and for JSON. */
export function responseObject(answer: AgentAnswer, request: AgentRequest, done: boolean) {
  const finished = done ? { status: answer.cut ? 'incomplete' : 'completed', completed_at: Math.floor(Date.now() / 1000) } : { status: 'in_progress', completed_at: null };
  return {
    id: answer.id,
    object: 'response',
    created_at: answer.createdAt,
    ...finished,
    model: done ? answer.answeredBy : answer.requested,
    error: null,
    incomplete_details: done && answer.cut ? { reason: 'max_output_tokens' } : null,
    instructions: request.instructions === '' ? null : request.instructions,
    max_output_tokens: request.maxOutputTokens ?? null,
    output: done ? [...(answer.results.length > 0 ? [searchResultsItem(answer)] : []), messageItem(answer)] : [],
    store: false,
    tool_choice: request.body.tool_choice ?? 'auto',
    tools: request.body.tools ?? [],
    usage: done ? agentUsage(answer) : null,
  };
}
