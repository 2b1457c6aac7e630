/**
 * Prompt-cache breakpoints. Where a request marks any, the fake reports a cache hit so usage
 * splits (see ./usage.ts) and a translator that forgets to add cache tokens back to the prompt
 * count is caught (text-providers.md §2.2, Portkey PR #1754).
 */
import { invalidRequest } from './anthropic-error';
import { isJsonObject, type JsonObject } from './request-body';

/** Anthropic's own cap on breakpoints per request. */
const MAX_BREAKPOINTS = 4;

/** Counts `cache_control` marks on system blocks, message blocks (also inside tool results) and tools. */
export function countCacheBreakpoints(body: JsonObject): number {
  const marks: string[] = [];
  const visit = (block: unknown, path: string) => {
    if (!isJsonObject(block) || block.cache_control === undefined) return;
    checkCacheControl(block.cache_control, `${path}.cache_control`);
    marks.push(path);
  };
  eachItem(body.system, 'system', visit);
  eachItem(body.tools, 'tools', visit);
  eachItem(body.messages, 'messages', (message, messagePath) => {
    if (!isJsonObject(message)) return;
    eachItem(message.content, `${messagePath}.content`, (block, blockPath) => {
      visit(block, blockPath);
      if (isJsonObject(block) && block.type === 'tool_result') eachItem(block.content, `${blockPath}.content`, visit);
    });
  });
  if (marks.length > MAX_BREAKPOINTS) {
    throw invalidRequest(`A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${marks.length}.`);
  }
  return marks.length;
}

function checkCacheControl(value: unknown, path: string): void {
  if (!isJsonObject(value) || value.type !== 'ephemeral') throw invalidRequest(`${path}.type: Input should be 'ephemeral'`);
  if (value.ttl !== undefined && value.ttl !== '5m' && value.ttl !== '1h') throw invalidRequest(`${path}.ttl: Input should be '5m' or '1h'`);
}

function eachItem(list: unknown, path: string, visit: (item: unknown, path: string) => void): void {
  if (Array.isArray(list)) list.forEach((item, index) => visit(item, `${path}.${index}`));
}
