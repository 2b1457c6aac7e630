import { isRecord } from './json-path';
import type { RequestProblem } from './vendor-error';

export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant', 'tool'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];

export interface ChatMessage {
  role: ChatRole;
  /** String content, or the text parts of array content joined: what the usage rule counts. */
  text: string;
  /** The message as received, for vendor rules on replayed state (`reasoning_content`, `tool_calls`). */
  raw: Record<string, unknown>;
}

/** The parts of a chat body the fake acts on, after the checks every vendor makes. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  /** `stream_options.include_usage === true`. */
  includeUsage: boolean;
  /** `tools` was sent at all (Perplexity refuses it), even when empty. */
  toolsSent: boolean;
  /** The first function tool's name: what `[tool]` calls. */
  firstToolName?: string;
  /** The body as received, for a flavor's own rules. */
  body: Record<string, unknown>;
}

export type ChatRequestResult = { ok: true; request: ChatRequest } | { ok: false; problem: RequestProblem };

/**
 * The checks all these vendors make before looking at the model, in OpenAI's words (each
 * dialect re-wraps them): a string `model`, a non-empty `messages` array, a known role on
 * each message, and `tool_call_id` on tool results.
 */
export function parseChatRequest(body: Record<string, unknown>): ChatRequestResult {
  const { model, messages } = body;
  if (model === undefined) return fail('you must provide a model parameter', null, null);
  if (typeof model !== 'string') return fail(`Invalid type for 'model': expected a string, but got ${describe(model)} instead.`, 'model', 'invalid_type');
  if (messages === undefined) return fail("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(messages)) {
    return fail(`Invalid type for 'messages': expected an array of objects, but got ${describe(messages)} instead.`, 'messages', 'invalid_type');
  }
  if (messages.length === 0) return fail("[] is too short - 'messages'", 'messages', 'empty_array');

  const parsed: ChatMessage[] = [];
  for (const [index, message] of messages.entries()) {
    const at = `messages[${index}]`;
    if (!message || typeof message !== 'object' || Array.isArray(message)) {
      return fail(`Invalid type for '${at}': expected an object, but got ${describe(message)} instead.`, at, 'invalid_type');
    }
    const { role, content, tool_call_id: toolCallId } = message as Record<string, unknown>;
    if (role === undefined) return fail(`Missing required parameter: '${at}.role'.`, `${at}.role`, 'missing_required_parameter');
    if (!CHAT_ROLES.includes(role as ChatRole)) {
      return fail(
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.`,
        `${at}.role`,
        'invalid_value',
      );
    }
    if (role === 'tool' && typeof toolCallId !== 'string') {
      return fail(`Missing required parameter: '${at}.tool_call_id'.`, `${at}.tool_call_id`, 'missing_required_parameter');
    }
    parsed.push({ role: role as ChatRole, text: contentText(content), raw: message as Record<string, unknown> });
  }

  const request: ChatRequest = {
    model,
    messages: parsed,
    stream: body.stream === true,
    includeUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true,
    toolsSent: body.tools !== undefined && body.tools !== null,
    body,
  };
  const toolName = firstFunctionName(body.tools);
  if (toolName !== undefined) request.firstToolName = toolName;
  return { ok: true, request };
}

/** The `tool_calls` of a replayed assistant message that are objects (others are the vendor's schema problem). */
export function toolCallsOf(message: ChatMessage): Record<string, unknown>[] {
  const calls = message.raw.tool_calls;
  return Array.isArray(calls) ? calls.filter(isRecord) : [];
}

/** The text the markers are read from. */
export function lastUserText(request: ChatRequest): string {
  return request.messages.findLast((message) => message.role === 'user')?.text ?? '';
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

function firstFunctionName(tools: unknown): string | undefined {
  if (!Array.isArray(tools)) return undefined;
  const first: unknown = tools[0];
  if (!isRecord(first) || !isRecord(first.function)) return undefined;
  return typeof first.function.name === 'string' ? first.function.name : undefined;
}

function fail(message: string, param: string | null, code: string | null): ChatRequestResult {
  return { ok: false, problem: { message, param, code } };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
