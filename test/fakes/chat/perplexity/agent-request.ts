import { invalidModel, invalidPreset, invalidRequest, unknownField } from './perplexity-error';

type Json = Record<string, unknown>;

/** The parts of a POST /v1/agent body the fake acts on, after Perplexity's checks. */
export interface AgentRequest {
  /** The engine as named: a model slug, the first of `models`, or a preset. */
  model?: string;
  preset?: string;
  instructions: string;
  /** Input turns with their text (string content or the text parts joined). */
  turns: Array<{ role: string; text: string }>;
  stream: boolean;
  /** The run has web search: a web_search tool (not `tool_choice: none`), or a preset (presets bundle it). */
  searches: boolean;
  maxOutputTokens?: number;
  body: Json;
}

const TOP_LEVEL = new Set([
  'input', 'instructions', 'model', 'models', 'preset', 'stream', 'stream_options', 'max_output_tokens', 'max_steps', 'max_tool_calls',
  'temperature', 'top_p', 'tools', 'tool_choice', 'parallel_tool_calls', 'reasoning', 'response_format', 'language_preference',
  'previous_response_id', 'background', 'store', 'metadata', 'truncation', 'skills',
]);
export const PRESETS = ['fast', 'low', 'medium', 'high', 'xhigh', 'fast-search', 'pro-search', 'deep-research', 'advanced-deep-research'];
const ROLES = ['user', 'assistant', 'system', 'developer'];
const ITEM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  message: ['type', 'role', 'content'],
  function_call: ['type', 'call_id', 'name', 'arguments', 'thought_signature', 'id', 'status'],
  function_call_output: ['type', 'call_id', 'name', 'output', 'thought_signature'],
};
const PART_FIELDS: Readonly<Record<string, readonly string[]>> = {
  input_text: ['type', 'text'],
  output_text: ['type', 'text', 'annotations'],
  input_image: ['type', 'image_url'],
};
const TOOL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  web_search: ['type', 'filters', 'search_context_size', 'user_location', 'max_results', 'max_tokens', 'max_tokens_per_page'],
};
const FILTER_FIELDS = [
  'search_domain_filter', 'search_recency_filter', 'search_after_date_filter', 'search_before_date_filter',
  'last_updated_after_filter', 'last_updated_before_filter', 'search_language_filter',
];
/** provider/model, lower-case provider: `perplexity/sonar`, `openai/gpt-5.1`. A bare `sonar` is not an Agent API model. */
const MODEL_SLUG = /^[a-z0-9-]+\/[A-Za-z0-9._:-]+$/;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function onlyKnown(record: Json, known: readonly string[], at: string): void {
  for (const key of Object.keys(record)) if (!known.includes(key)) throw unknownField(at === '' ? key : `${at}.${key}`);
}

/** Perplexity's checks in its order: unknown fields, the engine, the input, the options. Throws the vendor's 400. */
export function parseAgentRequest(body: Json): AgentRequest {
  onlyKnown(body, [...TOP_LEVEL], '');
  const { model, models, preset } = body;
  if (model === undefined && models === undefined && preset === undefined) throw invalidRequest('one of model, models or preset is required', 'model');
  const named = typeof model === 'string' ? model : Array.isArray(models) ? models[0] : undefined;
  if (named !== undefined && (typeof named !== 'string' || !MODEL_SLUG.test(named) || named.includes('missing-'))) throw invalidModel(String(named));
  if (preset !== undefined && (typeof preset !== 'string' || !PRESETS.includes(preset))) throw invalidPreset(String(preset));

  const turns = readInput(body.input);
  if (body.instructions !== undefined && typeof body.instructions !== 'string') throw invalidRequest('instructions must be a string', 'instructions');
  const limit = body.max_output_tokens;
  if (limit !== undefined && (!Number.isInteger(limit) || (limit as number) < 1)) throw invalidRequest('max_output_tokens must be an integer >= 1', 'max_output_tokens');
  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw invalidRequest('stream must be a boolean', 'stream');
  const tools = readTools(body.tools);
  const request: AgentRequest = {
    ...(named === undefined ? {} : { model: named }),
    ...(typeof preset === 'string' ? { preset } : {}),
    instructions: typeof body.instructions === 'string' ? body.instructions : '',
    turns,
    stream: body.stream === true,
    searches: preset !== undefined || (tools.includes('web_search') && body.tool_choice !== 'none'),
    body,
  };
  if (typeof limit === 'number') request.maxOutputTokens = limit;
  return request;
}

function readInput(input: unknown): AgentRequest['turns'] {
  if (input === undefined) throw invalidRequest('input is required', 'input');
  if (typeof input === 'string') return [{ role: 'user', text: input }];
  if (!Array.isArray(input)) throw invalidRequest('input must be a string or an array of input items', 'input');
  return input.map((item, index) => {
    const at = `input[${index}]`;
    if (!isRecord(item)) throw invalidRequest(`${at} must be an object`, at);
    const type = (item.type ?? 'message') as string;
    const fields = ITEM_FIELDS[type];
    if (!fields) throw invalidRequest(`${at}.type '${type}' is not an input item type`, `${at}.type`);
    onlyKnown(item, fields, at);
    if (type !== 'message') return { role: 'tool', text: typeof item.output === 'string' ? item.output : '' };
    if (!ROLES.includes(item.role as string)) throw invalidRequest(`${at}.role must be one of ${ROLES.join(', ')}`, `${at}.role`);
    return { role: item.role as string, text: readContent(item.content, at) };
  });
}

function readContent(content: unknown, at: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidRequest(`${at}.content must be a string or an array of content parts`, `${at}.content`);
  return content
    .map((part, index) => {
      const where = `${at}.content[${index}]`;
      if (!isRecord(part) || !PART_FIELDS[part.type as string]) throw invalidRequest(`${where}.type must be input_text, input_image or output_text`, `${where}.type`);
      onlyKnown(part, PART_FIELDS[part.type as string]!, where);
      return typeof part.text === 'string' ? part.text : '';
    })
    .join('');
}

/** The tool types; a web_search tool is checked field by field, filters too. */
function readTools(tools: unknown): string[] {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) throw invalidRequest('tools must be an array', 'tools');
  return tools.map((tool, index) => {
    const at = `tools[${index}]`;
    if (!isRecord(tool) || typeof tool.type !== 'string') throw invalidRequest(`${at}.type is required`, `${at}.type`);
    const fields = TOOL_FIELDS[tool.type];
    if (fields) onlyKnown(tool, fields, at);
    if (isRecord(tool.filters)) onlyKnown(tool.filters, FILTER_FIELDS, `${at}.filters`);
    return tool.type;
  });
}
