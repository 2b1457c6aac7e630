import type { UnsupportedParam } from '../contract/chat-model';
import { anthropicThinking } from './anthropic-thinking';
import { anthropicToolId } from './anthropic-tool-ids';
import { anthropicToolInput } from './tool-input';

/** Anthropic requires max_tokens; a request without one gets this. */
export const DEFAULT_MAX_TOKENS = 4_096;

/** OpenAI options Messages has no counterpart for. */
const NO_COUNTERPART: Readonly<Record<string, string>> = {
  n: 'Anthropic returns one choice per request',
  logprobs: 'Anthropic returns no log probabilities',
  top_logprobs: 'Anthropic returns no log probabilities',
  logit_bias: 'Anthropic has no logit bias',
  presence_penalty: 'Anthropic has no presence penalty',
  frequency_penalty: 'Anthropic has no frequency penalty',
  seed: 'Anthropic takes no seed',
  response_format: 'Anthropic Messages has no response_format (describe the JSON in the prompt or use a tool)',
};

type Json = Record<string, unknown>;
type Block = Json;

export function anthropicUnsupportedParams(body: Json): UnsupportedParam[] {
  return Object.keys(NO_COUNTERPART)
    .filter((param) => body[param] !== undefined && body[param] !== null && !(param === 'n' && body.n === 1))
    .map((param) => ({ param, reason: NO_COUNTERPART[param]! }));
}

/**
 * An OpenAI Chat Completions body as an Anthropic Messages body (text-providers.md §2.2):
 * system and developer messages hoisted into `system`; `tool` results merged into one user
 * turn; assistant `tool_calls` as `tool_use` blocks; image URLs and data URLs as image
 * sources; `tool_choice`, `parallel_tool_calls`, `stop`, `user` and the token limit mapped;
 * temperature kept inside Anthropic's [0, 1].
 */
export function toAnthropicRequest(body: Json, model: string, stream: boolean): Json {
  const system: Block[] = [];
  const messages: Array<{ role: 'user' | 'assistant'; content: Block[] }> = [];
  const push = (role: 'user' | 'assistant', blocks: Block[]) => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    // Anthropic wants turns to alternate; consecutive turns of one role become one.
    if (last && last.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  for (const raw of (body.messages as Json[]) ?? []) {
    const role = raw.role as string;
    if (role === 'system' || role === 'developer') system.push(...contentBlocks(raw.content));
    else if (role === 'user') push('user', contentBlocks(raw.content));
    // Thinking first, in the order Claude wrote it: a tool-use continuation must replay it unchanged.
    else if (role === 'assistant') push('assistant', [...thinkingBlocks(raw.thinking_blocks), ...contentBlocks(raw.content), ...toolUses(raw.tool_calls)]);
    else if (role === 'tool' || role === 'function') push('user', [toolResult(raw)]);
  }
  // Tool results come first in their user turn: Anthropic pairs them with the turn before.
  for (const message of messages) {
    if (message.role === 'user') message.content.sort((a, b) => Number(b.type === 'tool_result') - Number(a.type === 'tool_result'));
  }

  const thinking = anthropicThinking(body, DEFAULT_MAX_TOKENS);
  const out: Json = {
    model,
    messages,
    max_tokens: thinking.maxTokens ?? (body.max_completion_tokens as number | undefined) ?? (body.max_tokens as number | undefined) ?? DEFAULT_MAX_TOKENS,
  };
  if (system.length > 0) out.system = system;
  if (stream) out.stream = true;
  if (thinking.thinking) out.thinking = thinking.thinking;
  if (typeof body.temperature === 'number' && !thinking.withoutTemperature) out.temperature = Math.min(1, Math.max(0, body.temperature));
  if (typeof body.top_p === 'number') out.top_p = body.top_p;
  if (body.stop !== undefined && body.stop !== null) out.stop_sequences = Array.isArray(body.stop) ? body.stop : [body.stop];
  if (typeof body.user === 'string') out.metadata = { user_id: body.user };
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  if (tools.length > 0) out.tools = tools.map(toAnthropicTool);
  const choice = toolChoice(body.tool_choice, body.parallel_tool_calls);
  if (choice && tools.length > 0) out.tool_choice = choice;
  return out;
}

function contentBlocks(content: unknown): Block[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  const blocks: Block[] = [];
  for (const part of content as Json[]) {
    if (part.type === 'text' && typeof part.text === 'string') {
      blocks.push(part.cache_control ? { type: 'text', text: part.text, cache_control: part.cache_control } : { type: 'text', text: part.text });
    } else if (part.type === 'image_url') {
      const url = typeof part.image_url === 'string' ? part.image_url : ((part.image_url as Json | undefined)?.url as string | undefined);
      if (url) blocks.push({ type: 'image', source: imageSource(url) });
    }
  }
  return blocks;
}

/** The `thinking_blocks` Claude wrote (kept by the client or restored by reelay), as they were: signature and order untouched. */
function thinkingBlocks(blocks: unknown): Block[] {
  if (!Array.isArray(blocks)) return [];
  return (blocks as Json[]).flatMap((block): Block[] => {
    if (block.type === 'thinking' && typeof block.signature === 'string') return [{ type: 'thinking', thinking: String(block.thinking ?? ''), signature: block.signature }];
    if (block.type === 'redacted_thinking' && typeof block.data === 'string') return [{ type: 'redacted_thinking', data: block.data }];
    return [];
  });
}

function imageSource(url: string): Json {
  const data = /^data:([\w.+-]+\/[\w.+-]+);base64,(.*)$/s.exec(url);
  return data ? { type: 'base64', media_type: data[1], data: data[2] } : { type: 'url', url };
}

function toolUses(toolCalls: unknown): Block[] {
  if (!Array.isArray(toolCalls)) return [];
  return (toolCalls as Json[]).map((call) => {
    const fn = (call.function ?? {}) as Json;
    return { type: 'tool_use', id: anthropicToolId(String(call.id ?? '')), name: String(fn.name ?? ''), input: anthropicToolInput(fn.arguments) };
  });
}


function toolResult(message: Json): Block {
  const content = typeof message.content === 'string' ? message.content : contentBlocks(message.content);
  return { type: 'tool_result', tool_use_id: anthropicToolId(String(message.tool_call_id ?? '')), content };
}

function toAnthropicTool(tool: Json): Json {
  const fn = (tool.function ?? tool) as Json;
  return {
    name: fn.name,
    ...(fn.description ? { description: fn.description } : {}),
    input_schema: fn.parameters ?? { type: 'object', properties: {} },
  };
}

function toolChoice(choice: unknown, parallel: unknown): Json | undefined {
  let mapped: Json | undefined;
  if (choice === 'auto') mapped = { type: 'auto' };
  else if (choice === 'required') mapped = { type: 'any' };
  else if (choice === 'none') mapped = { type: 'none' };
  else if (choice && typeof choice === 'object') {
    const name = ((choice as Json).function as Json | undefined)?.name;
    if (typeof name === 'string') mapped = { type: 'tool', name };
  }
  if (parallel === false) mapped = { ...(mapped ?? { type: 'auto' }), disable_parallel_tool_use: true };
  return mapped;
}
