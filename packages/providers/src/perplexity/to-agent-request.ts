import { readReasoningKnob, type ReasoningEffort } from '../reasoning/reasoning-knob';
import type { UnsupportedParam } from '../contract/chat-model';
import { toAgentInput } from './agent-input';
import { SONAR_SEARCH_FILTERS, WEB_SEARCH_OPTION_KEYS, searchOptionMoves, webSearchTool } from './agent-search-tool';
import { agentEngineOf } from './perplexity-models';

type Json = Record<string, unknown>;

const NO_TOOLS = "reelay maps no tool calling onto Perplexity's Agent API (Sonar had none)";

/** Chat options with no Agent API counterpart (Perplexity's migration notes: "REMOVE, any leftover = 400"). */
const NO_COUNTERPART: Readonly<Record<string, string>> = {
  tools: NO_TOOLS,
  tool_choice: NO_TOOLS,
  parallel_tool_calls: NO_TOOLS,
  functions: NO_TOOLS,
  function_call: NO_TOOLS,
  n: 'the Agent API returns one answer per request',
  logprobs: 'the Agent API returns no log probabilities',
  top_logprobs: 'the Agent API returns no log probabilities',
  logit_bias: 'the Agent API has no logit bias',
  presence_penalty: 'the Agent API has no presence penalty',
  frequency_penalty: 'the Agent API has no frequency penalty',
  seed: 'the Agent API takes no seed',
  stop: 'the Agent API has no stop sequences',
  top_k: 'the Agent API has no top_k',
  return_images: 'the Agent API returns no images (Sonar images are gone)',
  return_related_questions: 'the Agent API returns no related questions',
  search_mode: 'the Agent API has no search modes (use a finance or people search tool directly)',
  disable_search: "a preset's web search cannot be turned off; use a model id (perplexity/sonar) for answers without search",
  response_format: 'the Agent API takes only {"type":"json_schema"} response formats',
  web_search_options: `only ${WEB_SEARCH_OPTION_KEYS.join(' and ')} of web_search_options have an Agent API counterpart`,
};

/** Options this adapter maps; the Agent API refuses any field it does not know, so nothing else is sent. */
const MAPPED = new Set<string>([
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'reasoning_effort',
  // Anthropic's shape of the same knob (a /v1/messages client): read as a reasoning effort.
  'thinking',
  'language_preference',
  'num_search_results',
  ...SONAR_SEARCH_FILTERS,
]);

/**
 * OpenAI bookkeeping that changes nothing in the answer: not sent (the Agent API would refuse
 * it) and listed as such, rather than failing the request of a client that always sends one.
 */
const NOT_SENT = ['user', 'metadata', 'store', 'service_tier', 'safety_identifier', 'prompt_cache_key'];

const GENERIC = "not an option of Perplexity's Agent API, which refuses fields it does not know";

/** Values that ask for nothing (a client's defaults): no reason to refuse the request over them. */
function asksNothing(param: string, value: unknown, isPreset: boolean): boolean {
  if (param === 'disable_search') return value !== true || !isPreset;
  if (value === undefined || value === null || value === false) return true;
  if (Array.isArray(value) && value.length === 0) return true;
  switch (param) {
    case 'n':
      return value === 1;
    case 'presence_penalty':
    case 'frequency_penalty':
    case 'top_logprobs':
      return value === 0;
    case 'response_format':
      return ['text', 'json_schema'].includes(String((value as Json).type));
    case 'web_search_options':
      return typeof value === 'object' && Object.keys(value as Json).every((key) => (WEB_SEARCH_OPTION_KEYS as readonly string[]).includes(key));
    default:
      return false;
  }
}

/** The body's options the Agent API cannot take, named for the client (`drop_params` decides). */
export function agentUnsupportedParams(body: Json, model: string): UnsupportedParam[] {
  const isPreset = agentEngineOf(model).kind === 'preset';
  const refused: UnsupportedParam[] = [];
  for (const [param, value] of Object.entries(body)) {
    if (MAPPED.has(param) || NOT_SENT.includes(param)) continue;
    if (asksNothing(param, value, isPreset)) continue;
    refused.push({ param, reason: NO_COUNTERPART[param] ?? GENERIC });
  }
  return refused;
}

/** What the adapter rewrites for this request, for the translated-params header. */
export function agentTranslatedParams(body: Json, model: string): string[] {
  const engine = agentEngineOf(model);
  const moves: string[] = [];
  if (engine.kind === 'preset') moves.push(`model->preset ${engine.preset}`);
  else if (engine.model !== model) moves.push(`model->${engine.model}`);
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  if (messages.some((message) => message.role === 'system' || message.role === 'developer')) moves.push('system->instructions');
  for (const param of ['max_tokens', 'max_completion_tokens']) if (typeof body[param] === 'number') moves.push(`${param}->max_output_tokens`);
  const knob = readReasoningKnob(body);
  if (knob) moves.push(`${knob.source}->reasoning.effort=${agentEffort(knob.effort)}`);
  for (const param of NOT_SENT) if (body[param] !== undefined && body[param] !== null) moves.push(`${param}->(not sent: no Agent API counterpart)`);
  return [...moves, ...searchOptionMoves(body)];
}

/** Perplexity's lowest effort is `minimal`; OpenAI clients (and a disabled Anthropic `thinking`) say `none`. */
function agentEffort(effort: ReasoningEffort): string {
  return effort === 'none' ? 'minimal' : effort;
}

/**
 * A Chat Completions body as an Agent API request (POST /v1/agent): the model id as a model
 * slug or a preset (perplexity-models.ts), messages as `input` and `instructions`, the token
 * limit as `max_output_tokens`, and web search on as Sonar always had it, its filters on the
 * web_search tool. Only mapped options are sent.
 */
export function toAgentRequest(body: Json, model: string, stream: boolean): Json {
  const engine = agentEngineOf(model);
  const { instructions, input } = toAgentInput(body.messages);
  const out: Json = engine.kind === 'model' ? { model: engine.model } : { preset: engine.preset };
  out.input = input;
  if (instructions !== undefined) out.instructions = instructions;
  const limit = body.max_completion_tokens ?? body.max_tokens;
  if (typeof limit === 'number') out.max_output_tokens = limit;
  for (const param of ['temperature', 'top_p'] as const) if (typeof body[param] === 'number') out[param] = body[param];
  if (typeof body.language_preference === 'string') out.language_preference = body.language_preference;
  const knob = readReasoningKnob(body);
  if (knob) out.reasoning = { effort: agentEffort(knob.effort) };
  if ((body.response_format as Json | undefined)?.type === 'json_schema') out.response_format = body.response_format;
  const searches = engine.kind === 'preset' || body.disable_search !== true;
  const tool = searches ? webSearchTool(body, engine.kind === 'preset') : undefined;
  if (tool) out.tools = [tool];
  if (tool && engine.kind === 'model' && engine.forceSearch) out.tool_choice = { type: 'web_search' };
  if (stream) out.stream = true;
  return out;
}
