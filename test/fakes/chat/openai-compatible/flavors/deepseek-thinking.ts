import { toolCallsOf, type ChatRequest } from '../chat-request';
import type { RequestRejection } from '../flavor-config';
import { valueAt } from '../json-path';
import { openAIEnvelope, VendorHttpError } from '../vendor-error';

/**
 * DeepSeek V4 thinking mode (text-providers.md §1.10): `thinking.type` switches it, `reasoning_effort`
 * tunes it, and with it on every replayed assistant message with `tool_calls` must bring its
 * `reasoning_content` back (the empty string counts), the opposite of the old R1 rule.
 */
/** The variants DeepSeek's own deserializer lists for `thinking.type` (lobehub#14173). */
const THINKING_TYPES: readonly unknown[] = ['adaptive', 'enabled', 'disabled'];
/** Likewise for `reasoning_effort`; minimal, medium and xhigh are aliases (recorded 422 bodies, api-docs.deepseek.com). */
const REASONING_EFFORTS: readonly unknown[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];
const DESERIALIZE = 'Failed to deserialize the JSON body into the target type';
/** opencode#24722, JohnnyZ93/oai-compatible-copilot#202; some bodies put the field name in backticks. */
const PASS_BACK = 'The reasoning_content in the thinking mode must be passed back to the API.';

/**
 * On with `thinking.type` enabled or adaptive, or with a `reasoning_effort` other than none and no
 * `thinking` (DeepSeek: "low/high/max enable thinking mode"). The real API also thinks when neither
 * is sent; this fake does not, so requests that say nothing keep their plain answers.
 */
export function deepseekThinkingOn(request: ChatRequest): boolean {
  const type = valueAt(request.body, 'thinking', 'type');
  if (type !== undefined) return type === 'enabled' || type === 'adaptive';
  const effort = request.body.reasoning_effort;
  return typeof effort === 'string' && effort !== 'none';
}

export function checkDeepseekThinking(request: ChatRequest): RequestRejection | undefined {
  const { body } = request;
  if (body.thinking !== undefined && body.thinking !== null) {
    const type = valueAt(body.thinking, 'type');
    // A 400 in the one body users posted, though the same deserializer answers 422 for reasoning_effort.
    if (type === undefined) return { message: `${DESERIALIZE}: thinking: missing field \`type\``, param: null, code: null };
    if (!THINKING_TYPES.includes(type)) return { message: unknownVariant(body, 'thinking.type', type, THINKING_TYPES), param: null, code: null };
  }
  const effort = body.reasoning_effort;
  if (effort !== undefined && effort !== null && !REASONING_EFFORTS.includes(effort)) {
    const message = unknownVariant(body, 'reasoning_effort', effort, REASONING_EFFORTS);
    return new VendorHttpError(422, openAIEnvelope(message, 'invalid_request_error', null, 'invalid_request_error'));
  }
  if (!deepseekThinkingOn(request)) return undefined;
  const forgotten = request.messages.some(
    (message) => message.role === 'assistant' && toolCallsOf(message).length > 0 && typeof message.raw.reasoning_content !== 'string',
  );
  return forgotten ? { message: PASS_BACK, param: null, code: null } : undefined;
}

/**
 * serde's words, with the position it stopped at in the body as this fake re-serialises it (the
 * same as a client that sends compact JSON in key order, as the SDKs do).
 */
function unknownVariant(body: Record<string, unknown>, path: string, value: unknown, expected: readonly unknown[]): string {
  const variants = expected.map((variant) => `\`${String(variant)}\``).join(', ');
  const snippet = `"${path.split('.').at(-1) ?? path}":${JSON.stringify(value)}`;
  const at = JSON.stringify(body).indexOf(snippet);
  const position = at < 0 ? '' : ` at line 1 column ${at + snippet.length}`;
  return `${DESERIALIZE}: ${path}: unknown variant \`${String(value)}\`, expected one of ${variants}${position}`;
}
