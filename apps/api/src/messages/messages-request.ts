import { z } from 'zod';
import { MAX_MESSAGES } from '../chat/chat-request';
import { ApiError } from '../http/api-error';
import { toNeutralMessages } from './messages-content';
import { toNeutralToolChoice, toNeutralTools } from './messages-tools';

type Json = Record<string, unknown>;

/** A missing field says what it is for; a wrong one what it must be. */
const required = (what: string, kind: string) => (issue: { input?: unknown }) => (issue.input === undefined ? `is required: ${what}` : `must be ${kind}`);

const message = z.looseObject({
  role: z.enum(['user', 'assistant'], { error: 'must be "user" or "assistant" (a system prompt goes in the top-level "system")' }),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))], { error: 'is required: a string or a list of content blocks' }),
});

/** The fields of Anthropic's Messages body that reelay reads; the rest is named in x-reelay-dropped-params. */
export const countTokensBodySchema = z.looseObject({
  model: z.string({ error: required('the model group to use, as GET /v1/models lists it', 'a string') }).min(1, { error: 'must not be empty' }),
  messages: z.array(message, { error: required('a list of {role, content} messages', 'a list of {role, content} messages') }).min(1, { error: 'must hold at least one message' }).max(MAX_MESSAGES),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.literal('text'), text: z.string() }))], { error: 'must be a string or a list of text blocks' }).optional(),
  tools: z.array(z.looseObject({}), { error: 'must be a list of tools' }).optional(),
  tool_choice: z.looseObject({ type: z.string() }, { error: 'must be an object like {"type": "auto"}' }).optional(),
  thinking: z.looseObject({ type: z.string() }, { error: 'must be an object like {"type": "enabled", "budget_tokens": 1024}' }).optional(),
});

export const messagesBodySchema = countTokensBodySchema.extend({
  max_tokens: z.number({ error: required("the most tokens the answer may have (Anthropic's Messages API requires it), e.g. 1024", 'a number') }).int({ error: 'must be a whole number' }).positive({ error: 'must be at least 1' }),
  stream: z.boolean({ error: 'must be true or false' }).optional(),
  stop_sequences: z.array(z.string(), { error: 'must be a list of strings' }).optional(),
  temperature: z.number({ error: 'must be a number' }).optional(),
  top_p: z.number({ error: 'must be a number' }).optional(),
  top_k: z.number({ error: 'must be a number' }).optional(),
  metadata: z.looseObject({ user_id: z.string({ error: 'must be a string' }).nullish() }).nullish(),
});

/** Read and translated, never sent: `top_k` has no OpenAI counterpart, so it is dropped (and named) everywhere. */
const TRANSLATED = new Set(['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'max_tokens', 'stream', 'stop_sequences', 'temperature', 'top_p', 'metadata']);

export interface MessagesRequest {
  /** The model group. */
  model: string;
  stream: boolean;
  /** The neutral (OpenAI Chat Completions) body the chat service serves. */
  body: Json;
  /** Fields of the Messages body with no neutral counterpart: dropped, and named in `x-reelay-dropped-params`. */
  dropped: string[];
}

/** A `POST /v1/messages` body, validated once with messages that name the field and the fix, as the neutral body. */
export function parseMessagesBody(raw: unknown): MessagesRequest {
  const parsed = validate(messagesBodySchema, raw);
  const body: Json = { model: parsed.model, messages: toNeutralMessages(parsed.system, parsed.messages), max_tokens: parsed.max_tokens };
  const stream = parsed.stream === true;
  // Usage reaches the client in message_delta, so it is always asked for.
  if (stream) Object.assign(body, { stream: true, stream_options: { include_usage: true } });
  if (parsed.stop_sequences && parsed.stop_sequences.length > 0) body.stop = parsed.stop_sequences;
  if (parsed.temperature !== undefined) body.temperature = parsed.temperature;
  if (parsed.top_p !== undefined) body.top_p = parsed.top_p;
  if (typeof parsed.metadata?.user_id === 'string') body.user = parsed.metadata.user_id;
  Object.assign(body, toolFields(parsed.tools, parsed.tool_choice));
  // The lead maps it per vendor: Anthropic takes it as is, others get their own reasoning knob.
  if (parsed.thinking !== undefined) body.thinking = parsed.thinking;
  const dropped = Object.keys(raw as Json).filter((key) => !TRANSLATED.has(key) && (raw as Json)[key] !== undefined && (raw as Json)[key] !== null);
  return { model: parsed.model, stream, body, dropped };
}

/** A `POST /v1/messages/count_tokens` body (no max_tokens) as the neutral messages and tools it would send. */
export function parseCountTokensBody(raw: unknown): { model: string; body: Json } {
  const parsed = validate(countTokensBodySchema, raw);
  return { model: parsed.model, body: { model: parsed.model, messages: toNeutralMessages(parsed.system, parsed.messages), ...toolFields(parsed.tools, parsed.tool_choice) } };
}

function toolFields(tools: Json[] | undefined, choice: Json | undefined): Json {
  // OpenAI refuses a tool_choice without tools; Anthropic ignores it, and so does reelay.
  if (!tools || tools.length === 0) return {};
  return { tools: toNeutralTools(tools), ...(choice ? toNeutralToolChoice(choice) : {}) };
}

function validate<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.infer<Schema> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ApiError(400, 'The body must be a JSON object like {"model": "<group>", "max_tokens": 1024, "messages": [{"role": "user", "content": "Hi"}]}.', { code: 'invalid_request' });
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.map(String).join('.') || undefined;
  throw new ApiError(400, `${param ?? 'body'} ${issue.message}.`, { param: param ?? null, code: 'invalid_request' });
}
