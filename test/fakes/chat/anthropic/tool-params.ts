/** `tools` and `tool_choice` as Anthropic checks them; server tools (typed ones) pass unchecked. */
import { invalidRequest } from './anthropic-error';
import { requireString } from './content-blocks';
import { isJsonObject, type JsonObject } from './request-body';

const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,128}$/;
const CHOICE_TYPES = ['auto', 'any', 'tool', 'none'] as const;

export type ToolChoiceType = (typeof CHOICE_TYPES)[number];

export interface ToolParams {
  /** Custom tools in the order given; `[tool]` calls the first (or the one tool_choice names). */
  names: string[];
  choice: { type: ToolChoiceType; name?: string } | undefined;
}

export function readToolParams(body: JsonObject): ToolParams {
  const names = readTools(body.tools);
  return { names, choice: readToolChoice(body.tool_choice, names) };
}

function readTools(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidRequest('tools: Input should be a valid list');
  const names = value.flatMap((tool, index) => {
    const path = `tools.${index}`;
    if (!isJsonObject(tool)) throw invalidRequest(`${path}: Input should be a valid dictionary`);
    if (tool.type !== undefined && tool.type !== 'custom') return [];
    const name = requireString(tool.name, `${path}.custom.name`);
    if (!TOOL_NAME_PATTERN.test(name)) throw invalidRequest(`${path}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    if (tool.description !== undefined) requireString(tool.description, `${path}.custom.description`);
    // OpenAI nests this as `function.parameters`; a translator that copies it raw lands here.
    if (!isJsonObject(tool.input_schema)) throw invalidRequest(`${path}.custom.input_schema: Field required`);
    if (tool.input_schema.type !== 'object') throw invalidRequest(`${path}.custom.input_schema.type: Input should be 'object'`);
    return [name];
  });
  if (new Set(names).size !== names.length) throw invalidRequest('tools: Tool names must be unique.');
  return names;
}

function readToolChoice(value: unknown, names: string[]): ToolParams['choice'] {
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) throw invalidRequest('tool_choice: Input should be a valid dictionary');
  const type = CHOICE_TYPES.find((choice) => choice === value.type);
  if (type === undefined) {
    throw invalidRequest(`tool_choice: Input tag '${String(value.type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`);
  }
  // OpenAI's `parallel_tool_calls` has to become this flag inside tool_choice (text-providers.md §2.2).
  if (value.disable_parallel_tool_use !== undefined && typeof value.disable_parallel_tool_use !== 'boolean') {
    throw invalidRequest(`tool_choice.${type}.disable_parallel_tool_use: Input should be a valid boolean`);
  }
  if (type !== 'tool') return { type };
  const name = requireString(value.name, 'tool_choice.tool.name');
  if (!names.includes(name)) throw invalidRequest(`tool_choice.tool.name: no tool named '${name}' in tools`);
  return { type, name };
}
