import { ApiError } from '../http/api-error';

type Json = Record<string, unknown>;

/**
 * Client tools (`name`, `description`, `input_schema`) as OpenAI function tools. A tool with a
 * `type` of Anthropic's own (web search, code execution, bash, the text editor…) has no schema
 * another vendor could use, and Anthropic runs the server ones itself: a 400 names it.
 */
export function toNeutralTools(tools: readonly Json[]): Json[] {
  return tools.map((tool, index) => {
    const name = typeof tool.name === 'string' ? tool.name : undefined;
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
      throw new ApiError(
        400,
        `tools.${index}: "${name ?? '?'}" (type ${JSON.stringify(tool.type)}) is one of Anthropic's own tools; reelay passes only client tools ({name, description, input_schema}) to a model group's deployments, whatever their vendor. Remove it, or define the tool yourself with an input_schema.`,
        { param: `tools.${index}.type`, code: 'unsupported_tool' },
      );
    }
    if (name === undefined || name === '') throw new ApiError(400, `tools.${index}.name is required: the name the model calls the tool by.`, { param: `tools.${index}.name`, code: 'invalid_request' });
    const schema = tool.input_schema;
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
      throw new ApiError(400, `tools.${index}.input_schema is required: the JSON Schema of the tool's input, e.g. {"type": "object", "properties": {}}.`, { param: `tools.${index}.input_schema`, code: 'invalid_request' });
    }
    const fn: Json = { name, parameters: schema };
    if (typeof tool.description === 'string') fn.description = tool.description;
    return { type: 'function', function: fn };
  });
}

/** `tool_choice` {auto|any|tool|none} as OpenAI's, and `disable_parallel_tool_use` as `parallel_tool_calls: false`. */
export function toNeutralToolChoice(choice: Json): { tool_choice?: unknown; parallel_tool_calls?: false } {
  const out: { tool_choice?: unknown; parallel_tool_calls?: false } = {};
  if (choice.type === 'auto') out.tool_choice = 'auto';
  else if (choice.type === 'any') out.tool_choice = 'required';
  else if (choice.type === 'none') out.tool_choice = 'none';
  else if (choice.type === 'tool') {
    if (typeof choice.name !== 'string') throw new ApiError(400, 'tool_choice.name is required with {"type": "tool"}: the tool the model must call.', { param: 'tool_choice.name', code: 'invalid_request' });
    out.tool_choice = { type: 'function', function: { name: choice.name } };
  } else {
    throw new ApiError(400, `tool_choice.type must be one of auto, any, tool, none (got ${JSON.stringify(choice.type)}).`, { param: 'tool_choice.type', code: 'invalid_request' });
  }
  if (choice.disable_parallel_tool_use === true) out.parallel_tool_calls = false;
  return out;
}
