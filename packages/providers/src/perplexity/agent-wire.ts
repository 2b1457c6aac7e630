import { z } from 'zod';

/**
 * The Agent API's answer shapes (POST /v1/agent), read leniently: Perplexity adds fields and
 * item types as it goes, and reelay reads only what a chat completion needs. Sources: the
 * official SDK's generated types (@perplexity-ai/perplexity_ai), Perplexity's migration notes,
 * and a live transcript recorded by @ai-sdk/perplexity (README "Perplexity" lists what is
 * confirmed and what is not).
 */

export const agentError = z.looseObject({
  message: z.string().nullish(),
  type: z.string().nullish(),
  /** A string in the SDK types, a number in the documented HTTP envelope. */
  code: z.union([z.string(), z.number()]).nullish(),
});
export type AgentError = z.infer<typeof agentError>;

/** One web result; Sonar's `search_results` entries had the same fields, less `id`. */
export const agentSearchResult = z.looseObject({
  /** 1-based; the `[n]` markers in the answer text point at it. */
  id: z.number().nullish(),
  url: z.string(),
  title: z.string().nullish(),
  snippet: z.string().nullish(),
  date: z.string().nullish(),
  last_updated: z.string().nullish(),
  source: z.string().nullish(),
});
export type AgentSearchResult = z.infer<typeof agentSearchResult>;

const annotation = z.looseObject({ type: z.string().nullish(), url: z.string().nullish(), title: z.string().nullish() });

const contentPart = z.looseObject({ type: z.string(), text: z.string().nullish(), annotations: z.array(annotation).nullish() });

/** Messages, search and fetch results, function calls (a web search shows up as one, `search_web`), and more. */
export const agentOutputItem = z.looseObject({
  type: z.string(),
  id: z.string().nullish(),
  /** Null on `response.output_item.added` for a message whose text is still to come. */
  content: z.array(contentPart).nullish(),
  results: z.array(agentSearchResult).nullish(),
  /** `fetch_url_results` items list their pages here. */
  contents: z.array(agentSearchResult).nullish(),
});
export type AgentOutputItem = z.infer<typeof agentOutputItem>;

export const agentUsage = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  input_tokens_details: z.looseObject({ cache_read_input_tokens: z.number().nullish(), cache_creation_input_tokens: z.number().nullish() }).nullish(),
  /** `{currency, input_cost, output_cost, tool_calls_cost, total_cost, …}` in USD. */
  cost: z.record(z.string(), z.unknown()).nullish(),
});
export type AgentUsage = z.infer<typeof agentUsage>;

export const agentResponse = z.looseObject({
  id: z.string().nullish(),
  object: z.string().nullish(),
  created_at: z.number().nullish(),
  model: z.string().nullish(),
  /** completed | incomplete | failed | cancelled | in_progress | queued | requires_action */
  status: z.string().nullish(),
  output: z.array(agentOutputItem).nullish(),
  error: agentError.nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  usage: agentUsage.nullish(),
});
export type AgentResponse = z.infer<typeof agentResponse>;

/** One SSE event: a bare `data: {json}` line with a `type`, no `event:` line and no `[DONE]`. */
export const agentEvent = z.looseObject({
  type: z.string(),
  response: agentResponse.nullish(),
  item: agentOutputItem.nullish(),
  delta: z.string().nullish(),
  results: z.array(agentSearchResult).nullish(),
  contents: z.array(agentSearchResult).nullish(),
  error: agentError.nullish(),
});
export type AgentEvent = z.infer<typeof agentEvent>;
