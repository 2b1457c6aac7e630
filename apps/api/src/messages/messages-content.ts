import { ApiError } from '../http/api-error';

type Json = Record<string, unknown>;

/** What a Messages turn may carry, per role; anything else is a 400 naming the block. */
const USER_BLOCKS = ['text', 'image', 'tool_result'];
const ASSISTANT_BLOCKS = ['text', 'image', 'tool_use', 'thinking', 'redacted_thinking'];

/**
 * Anthropic's `system` and `messages` as OpenAI Chat Completions messages (the neutral format):
 * text and images as content parts (cache_control kept), `tool_result` blocks as `tool` messages
 * ahead of the rest of their user turn, `tool_use` as `tool_calls`, and thinking as
 * `thinking_blocks` (order kept) plus `reasoning_content`, so a tool loop under thinking can
 * replay what the vendor issued.
 */
export function toNeutralMessages(system: unknown, messages: ReadonlyArray<{ role: 'user' | 'assistant'; content: unknown }>): Json[] {
  const out: Json[] = [];
  if (typeof system === 'string' ? system !== '' : Array.isArray(system) && system.length > 0) {
    out.push({ role: 'system', content: typeof system === 'string' ? system : compact((system as Json[]).map((block, index) => textPart(block, `system.${index}`))) });
  }
  messages.forEach((message, index) => {
    const path = `messages.${index}.content`;
    if (typeof message.content === 'string') out.push({ role: message.role, content: message.content });
    else if (message.role === 'user') out.push(...userMessages(message.content as Json[], path));
    else out.push(assistantMessage(message.content as Json[], path));
  });
  return out;
}

function userMessages(blocks: Json[], path: string): Json[] {
  const tools: Json[] = [];
  const rest: Json[] = [];
  blocks.forEach((block, index) => {
    const where = `${path}.${index}`;
    allowed(block, USER_BLOCKS, 'user', where);
    if (block.type === 'tool_result') {
      const { message, images } = toolMessage(block, where);
      tools.push(message);
      if (images.length > 0) rest.push({ type: 'text', text: `Image from the result of tool call ${String(block.tool_use_id)}:` }, ...images);
    } else rest.push(block.type === 'image' ? imagePart(block, where) : textPart(block, where));
  });
  // Tool results answer the turn before, so they come first (Anthropic requires that order too).
  return rest.length > 0 ? [...tools, { role: 'user', content: compact(rest) }] : tools;
}

function assistantMessage(blocks: Json[], path: string): Json {
  const parts: Json[] = [];
  const toolCalls: Json[] = [];
  const thinkingBlocks: Json[] = [];
  const reasoning: string[] = [];
  blocks.forEach((block, index) => {
    const where = `${path}.${index}`;
    allowed(block, ASSISTANT_BLOCKS, 'assistant', where);
    switch (block.type) {
      case 'tool_use':
        toolCalls.push({ id: requireString(block.id, `${where}.id`), type: 'function', function: { name: requireString(block.name, `${where}.name`), arguments: JSON.stringify(requireObject(block.input, `${where}.input`)) } });
        break;
      case 'thinking': {
        const thinking = requireString(block.thinking, `${where}.thinking`);
        const signature = typeof block.signature === 'string' ? block.signature : '';
        reasoning.push(thinking);
        // A block reelay itself handed out unsigned (reasoning from a vendor without signatures)
        // cannot be replayed to Anthropic: its text still goes back as reasoning_content.
        if (signature !== '') thinkingBlocks.push({ type: 'thinking', thinking, signature });
        break;
      }
      case 'redacted_thinking':
        thinkingBlocks.push({ type: 'redacted_thinking', data: requireString(block.data, `${where}.data`) });
        break;
      case 'image':
        parts.push(imagePart(block, where));
        break;
      default:
        parts.push(textPart(block, where));
    }
  });
  const message: Json = { role: 'assistant', content: parts.length > 0 ? compact(parts) : toolCalls.length > 0 ? null : '' };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('');
  return message;
}

/**
 * A `tool_result` as a `tool` message. Its text is a string where no cache breakpoint needs a part
 * (every vendor takes that); `is_error` has no OpenAI counterpart, so the text says it. Images
 * cannot ride in a `tool` message on most vendors: they go to the user turn that follows.
 */
function toolMessage(block: Json, path: string): { message: Json; images: Json[] } {
  const toolCallId = requireString(block.tool_use_id, `${path}.tool_use_id`);
  const prefix = block.is_error === true ? 'Error: ' : '';
  const texts: Json[] = [];
  const images: Json[] = [];
  if (typeof block.content === 'string') texts.push({ type: 'text', text: block.content });
  else if (Array.isArray(block.content)) {
    (block.content as Json[]).forEach((inner, index) => {
      const where = `${path}.content.${index}`;
      if (inner?.type === 'image') images.push(imagePart(inner, where));
      else if (inner?.type === 'text') texts.push(textPart(inner, where));
      else throw invalid(`${where}.type must be "text" or "image" inside a tool_result (got ${JSON.stringify(inner?.type)}).`, `${where}.type`);
    });
  } else if (block.content !== undefined && block.content !== null) {
    throw invalid(`${path}.content must be a string or a list of text and image blocks.`, `${path}.content`);
  }
  // A breakpoint on the block itself marks its end: the last text part carries it.
  if (block.cache_control !== undefined && texts.length > 0) texts[texts.length - 1] = { ...texts.at(-1), cache_control: block.cache_control };
  if (texts.length === 0 && images.length > 0) texts.push({ type: 'text', text: '(the result is the image(s) that follow)' });
  if (prefix !== '' && texts.length > 0) texts[0] = { ...texts[0], text: `${prefix}${String(texts[0]!.text)}` };
  const cached = texts.some((part) => part.cache_control !== undefined);
  const content = cached ? texts : texts.map((part) => part.text).join('\n') || prefix.trim();
  return { message: { role: 'tool', tool_call_id: toolCallId, content }, images };
}

function textPart(block: Json, path: string): Json {
  if (block?.type !== 'text') throw invalid(`${path}.type must be "text".`, `${path}.type`);
  const text = requireString(block.text, `${path}.text`);
  return block.cache_control === undefined ? { type: 'text', text } : { type: 'text', text, cache_control: block.cache_control };
}

function imagePart(block: Json, path: string): Json {
  const source = block.source as Json | undefined;
  if (source?.type === 'base64') {
    return { type: 'image_url', image_url: { url: `data:${requireString(source.media_type, `${path}.source.media_type`)};base64,${requireString(source.data, `${path}.source.data`)}` } };
  }
  if (source?.type === 'url') return { type: 'image_url', image_url: { url: requireString(source.url, `${path}.source.url`) } };
  throw invalid(`${path}.source must be {"type": "base64", "media_type", "data"} or {"type": "url", "url"}; reelay cannot pass a "${String(source?.type)}" source on.`, `${path}.source`);
}

/** One plain text part is sent as a string: the form every OpenAI-compatible vendor takes. */
function compact(parts: Json[]): string | Json[] {
  const only = parts.length === 1 ? parts[0]! : undefined;
  return only?.type === 'text' && only.cache_control === undefined ? String(only.text) : parts;
}

function allowed(block: Json, types: readonly string[], role: string, path: string): void {
  if (!block || typeof block !== 'object' || typeof block.type !== 'string') throw invalid(`${path} must be a content block object with a "type".`, path);
  if (!types.includes(block.type)) {
    throw invalid(`${path}: a "${block.type}" block cannot be passed on by reelay in a ${role} message; it takes ${types.join(', ')} there.`, `${path}.type`);
  }
}

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalid(`${path} ${value === undefined ? 'is required' : 'must be a string'}.`, path);
  return value;
}

function requireObject(value: unknown, path: string): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(`${path} must be an object (the tool's arguments).`, path);
  return value as Json;
}

function invalid(message: string, param: string): ApiError {
  return new ApiError(400, message, { param, code: 'invalid_request' });
}
