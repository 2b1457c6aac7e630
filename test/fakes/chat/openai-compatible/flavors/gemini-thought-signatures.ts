import { randomBytes } from 'node:crypto';
import { toolCallsOf, type ChatMessage, type ChatRequest } from '../chat-request';
import type { ToolCallContext } from '../flavor-config';
import type { IssuedToolCall, ValidationContext } from '../issued-tool-calls';
import { valueAt } from '../json-path';
import type { RequestProblem } from '../vendor-error';

/**
 * Gemini 3's thought signatures on the OpenAI-compatible endpoint (text-providers.md §1.3, §1.4):
 * the first of an answer's parallel function calls carries `extra_content.google.thought_signature`,
 * the others none; every assistant tool-call message of the current turn (after the last user
 * message) must bring its first call's signature back unchanged. Older turns are not checked.
 */
const DUMMY_SIGNATURE = 'skip_thought_signature_validator';
const DOCS = 'https://ai.google.dev/gemini-api/docs/thought-signatures';
/** litellm#16893, openclaude#76, manthanabc/paws#103 (`default_api:shell` , position 2). */
const MISSING =
  'Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance.';
/** gemini-cli#13467, Antigravity-Manager#970: a signature Gemini did not issue for this model. */
const CORRUPTED: RequestProblem = { message: 'Corrupted thought signature.', param: null, code: null };

/** Gemini 3 thinks on every request and signs its calls; 2.5 models sign nothing on this endpoint. */
export function signsThoughts(model: string): boolean {
  return model.startsWith('gemini-3');
}

/** Opaque, as real ones are (base64 of ~100 bytes); only this fake's memory makes it valid. */
export function thoughtSignatureExtras(call: ToolCallContext): Record<string, unknown> | undefined {
  if (!signsThoughts(call.model) || call.index > 0) return undefined;
  return { extra_content: { google: { thought_signature: randomBytes(96).toString('base64') } } };
}

export function checkThoughtSignatures(request: ChatRequest, context: ValidationContext): RequestProblem | undefined {
  if (!signsThoughts(request.model)) return undefined;
  const { messages } = request;
  const turnStart = messages.findLastIndex((message) => message.role === 'user') + 1;
  for (let at = turnStart; at < messages.length; at += 1) {
    const message = messages[at];
    if (message?.role !== 'assistant') continue;
    for (const [index, call] of toolCallsOf(message).entries()) {
      const signature = valueAt(call, 'extra_content', 'google', 'thought_signature');
      if (signature === undefined) {
        if (index > 0) continue;
        const name = valueAt(call, 'function', 'name');
        return { message: `${MISSING} Additional data, function call \`default_api:${String(name)}\` , position ${contentPosition(messages, at)}. Please refer to ${DOCS} for more details.`, param: null, code: null };
      }
      if (signature === DUMMY_SIGNATURE) continue;
      // Gemini signs only the first parallel call: one on another call was invented by the client.
      if (index > 0 || !context.issued.some((issued) => signed(issued, request.model, signature))) return CORRUPTED;
    }
  }
  return undefined;
}

function signed(issued: IssuedToolCall, model: string, signature: unknown): boolean {
  return issued.model === model && valueAt(issued.extras, 'extra_content', 'google', 'thought_signature') === signature;
}

/**
 * The 1-based place of a message among Gemini `contents`: system messages become the system
 * instruction and a run of tool results is one content. Inferred from the errors users post
 * (an agent's first replayed call is always "position 2"), not documented.
 */
function contentPosition(messages: readonly ChatMessage[], target: number): number {
  let position = 0;
  for (let at = 0; at <= target; at += 1) {
    const role = messages[at]?.role;
    if (role === 'system' || role === 'developer') continue;
    if (role === 'tool' && messages[at - 1]?.role === 'tool') continue;
    position += 1;
  }
  return position;
}
