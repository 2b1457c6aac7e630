/**
 * The content blocks a request may carry, checked with Anthropic's own error paths
 * (`messages.1.content.0.tool_use.input: …`) so a translator's mistake reads as the vendor's.
 * Only what the fake needs later is kept: text for token counts, ids for the tool pairing,
 * signatures for the thinking replay.
 */
import { invalidRequest } from './anthropic-error';
import { isJsonObject } from './request-body';

export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image' }
  | { type: 'tool_use'; id: string; name: string }
  | { type: 'tool_result'; toolUseId: string; text: string }
  | { type: 'thinking'; signature: string; thinking: string }
  | { type: 'redacted_thinking'; data: string };

const BLOCK_TYPES = ['text', 'image', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'] as const;
const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
/** text-providers.md §1.2: ids with `.` or `:` (LiteLLM's signature-in-id trick) fail upstream. */
const TOOL_ID_PATTERN = /^[a-zA-Z0-9_-]+$/;

/** A message's `content`: a string is one text block. */
export function readContent(value: unknown, path: string): ContentBlock[] {
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  if (!Array.isArray(value)) throw invalidRequest(`${path}: Input should be a valid string or a valid list`);
  return value.map((block, index) => readBlock(block, `${path}.${index}`));
}

/** `system`: a string or text blocks only; returns the text, which counts as prompt. */
export function readSystem(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw invalidRequest('system: Input should be a valid string or a valid list');
  return value
    .map((block, index) => {
      if (!isJsonObject(block) || block.type !== 'text') throw invalidRequest(`system.${index}.type: Input should be 'text'`);
      return readText(block, `system.${index}`).text;
    })
    .join('');
}

function readBlock(block: unknown, path: string): ContentBlock {
  if (!isJsonObject(block)) throw invalidRequest(`${path}: Input should be a valid dictionary`);
  switch (block.type) {
    case 'text':
      return readText(block, path);
    case 'image':
      return readImage(block, `${path}.image`);
    case 'tool_use': {
      const where = `${path}.tool_use`;
      const id = readToolId(block.id, `${where}.id`);
      const name = requireString(block.name, `${where}.name`);
      if (!isJsonObject(block.input)) throw invalidRequest(`${where}.input: Input should be a valid dictionary`);
      return { type: 'tool_use', id, name };
    }
    case 'tool_result':
      return readToolResult(block, `${path}.tool_result`);
    case 'thinking':
      return { type: 'thinking', thinking: requireString(block.thinking, `${path}.thinking.thinking`), signature: requireString(block.signature, `${path}.thinking.signature`) };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: requireString(block.data, `${path}.redacted_thinking.data`) };
    default:
      throw invalidRequest(
        `${path}: Input tag '${String(block.type)}' found using 'type' does not match any of the expected tags: ${BLOCK_TYPES.map((type) => `'${type}'`).join(', ')}`,
      );
  }
}

function readText(block: Record<string, unknown>, path: string): { type: 'text'; text: string } {
  const text = requireString(block.text, `${path}.text.text`);
  // Anthropic refuses an empty text block; translators that map `content: ""` hit this.
  if (text.length === 0) throw invalidRequest(`${path.split('.')[0]}: text content blocks must be non-empty`);
  return { type: 'text', text };
}

function readImage(block: Record<string, unknown>, path: string): ContentBlock {
  const source = block.source;
  if (!isJsonObject(source)) throw invalidRequest(`${path}.source: Field required`);
  if (source.type === 'base64') {
    if (typeof source.media_type !== 'string' || !IMAGE_MEDIA_TYPES.includes(source.media_type)) {
      throw invalidRequest(`${path}.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
    }
    requireString(source.data, `${path}.source.base64.data`);
  } else if (source.type === 'url') {
    requireString(source.url, `${path}.source.url.url`);
  } else {
    throw invalidRequest(`${path}.source: Input tag '${String(source.type)}' found using 'type' does not match any of the expected tags: 'base64', 'url'`);
  }
  return { type: 'image' };
}

function readToolResult(block: Record<string, unknown>, path: string): ContentBlock {
  const toolUseId = readToolId(block.tool_use_id, `${path}.tool_use_id`);
  if (block.is_error !== undefined && typeof block.is_error !== 'boolean') throw invalidRequest(`${path}.is_error: Input should be a valid boolean`);
  const content = block.content;
  if (content === undefined) return { type: 'tool_result', toolUseId, text: '' };
  if (typeof content === 'string') return { type: 'tool_result', toolUseId, text: content };
  if (!Array.isArray(content)) throw invalidRequest(`${path}.content: Input should be a valid string or a valid list`);
  const text = content
    .map((inner, index) => {
      const where = `${path}.content.${index}`;
      if (isJsonObject(inner) && inner.type === 'text') return readText(inner, where).text;
      if (isJsonObject(inner) && inner.type === 'image') {
        readImage(inner, `${where}.image`);
        return '';
      }
      throw invalidRequest(`${where}: Input tag '${String(isJsonObject(inner) ? inner.type : inner)}' found using 'type' does not match any of the expected tags: 'text', 'image'`);
    })
    .join('');
  return { type: 'tool_result', toolUseId, text };
}

function readToolId(value: unknown, path: string): string {
  const id = requireString(value, path);
  if (!TOOL_ID_PATTERN.test(id)) throw invalidRequest(`${path}: String should match pattern '^[a-zA-Z0-9_-]+$'`);
  return id;
}

export function requireString(value: unknown, path: string): string {
  if (value === undefined) throw invalidRequest(`${path}: Field required`);
  if (typeof value !== 'string') throw invalidRequest(`${path}: Input should be a valid string`);
  return value;
}
