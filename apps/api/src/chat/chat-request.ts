import { z } from 'zod';
import { ApiError } from '../http/api-error';

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;
/** OpenAI's levels, and DeepSeek's `max` (its top level, read as `xhigh` elsewhere). */
const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;

/** Most messages one request may carry; far above any context window, well below a hostile body. */
export const MAX_MESSAGES = 5_000;

const message = z.looseObject({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() })), z.null()]).optional(),
  tool_call_id: z.string().optional(),
});

/**
 * The fields of an OpenAI Chat Completions body that reelay itself reads; every other field
 * passes to the vendor untouched (vendors add their own, and `drop_params` decides about the
 * ones a target refuses).
 */
export const chatBodySchema = z.looseObject({
  model: z.string({ error: 'is required: the model group to use, as GET /v1/models lists it' }).min(1, { error: 'must not be empty' }),
  messages: z.array(message, { error: 'is required: a list of {role, content} messages' }).min(1, { error: 'must hold at least one message' }).max(MAX_MESSAGES),
  stream: z.boolean({ error: 'must be true or false' }).nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  // Mapped to each vendor's own switch (packages/providers/src/reasoning): a value no vendor knows would be dropped in silence.
  reasoning_effort: z.enum(REASONING_EFFORTS, { error: `must be one of ${REASONING_EFFORTS.join(', ')}` }).nullish(),
});

export type ChatBody = z.infer<typeof chatBodySchema>;

export interface ParsedChatRequest {
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  /** The client asked for the final usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean;
  /** What the client allows the answer to cost, for the tpm reservation. */
  maxOutputTokens?: number;
}

/** Validates once at the edge, with messages that name the field and the fix. */
export function parseChatBody(raw: unknown): ParsedChatRequest {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ApiError(400, 'The body must be a JSON object like {"model": "<group>", "messages": [{"role": "user", "content": "Hi"}]}.', { code: 'invalid_request' });
  }
  const parsed = chatBodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = issue.path.map(String).join('.') || undefined;
    throw new ApiError(400, `${param ?? 'body'} ${issue.message}.`, { param: param ?? null, code: 'invalid_request' });
  }
  const body = parsed.data;
  return {
    body: raw as Record<string, unknown>,
    model: body.model,
    stream: body.stream === true,
    includeUsage: body.stream === true && body.stream_options?.include_usage === true,
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
  };
}
