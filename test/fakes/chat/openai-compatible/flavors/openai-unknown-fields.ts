import { toolCallsOf, type ChatRequest } from '../chat-request';
import type { RequestProblem } from '../vendor-error';

/**
 * OpenAI validates bodies strictly, so the reasoning state and knobs of other vendors that a gateway
 * forgets to strip are a 400 here. Two wordings coexist, by model family:
 * - gpt-4*, gpt-3.5*: `Unrecognized request argument supplied: <name>`, param and code null
 *   (reasoning_effort on gpt-4o-mini: davidmigloz/langchain_dart#712, coroot#698; `thinking`:
 *   nashsu/llm_wiki#336; `extra_body`: t8y2/dbx#3411);
 * - the reasoning families: `Unknown parameter: '<name>'.`, code `unknown_parameter`
 *   (`thinking` on gpt-5.6-sol: ClaudeCodeUsage#94; `reasoning` on o4-mini: open-responses-server#41).
 * Unknown fields inside messages are `Unknown parameter: 'messages[i].<field>'.` for every model
 * (`messages[1].content[1].file.data` on gpt-4o: pydantic-ai; `messages[0].tool_calls`: argo-proxy).
 */
const FOREIGN_ARGUMENTS = ['thinking', 'enable_thinking', 'thinking_budget', 'extra_body', 'google', 'reasoning'];
/** DeepSeek/Qwen/Doubao reasoning text, LiteLLM's Anthropic thinking blocks. */
const FOREIGN_MESSAGE_FIELDS = ['reasoning_content', 'thinking_blocks'];
/** Gemini's thought signature. */
const FOREIGN_TOOL_CALL_FIELDS = ['extra_content'];

const isLegacyModel = (model: string) => /^gpt-(?:4|3\.5)/.test(model);

export function checkUnknownFields(request: ChatRequest): RequestProblem | undefined {
  const legacy = isLegacyModel(request.model);
  // The legacy models take no reasoning knob at all (a null one is accepted).
  const foreign = legacy ? [...FOREIGN_ARGUMENTS, 'reasoning_effort'] : FOREIGN_ARGUMENTS;
  const argument = foreign.find((name) => request.body[name] !== undefined && request.body[name] !== null);
  if (argument !== undefined) {
    return legacy ? { message: `Unrecognized request argument supplied: ${argument}`, param: null, code: null } : unknownParameter(argument);
  }
  for (const [at, message] of request.messages.entries()) {
    const field = FOREIGN_MESSAGE_FIELDS.find((name) => message.raw[name] !== undefined);
    if (field !== undefined) return unknownParameter(`messages[${at}].${field}`);
    for (const [index, call] of toolCallsOf(message).entries()) {
      const callField = FOREIGN_TOOL_CALL_FIELDS.find((name) => call[name] !== undefined);
      if (callField !== undefined) return unknownParameter(`messages[${at}].tool_calls[${index}].${callField}`);
    }
  }
  return undefined;
}

function unknownParameter(path: string): RequestProblem {
  return { message: `Unknown parameter: '${path}'.`, param: path, code: 'unknown_parameter' };
}
