import type { FlavorConfig } from './flavor-config';
import type { ScriptedAnswer, UsageCounts } from './scripted-answer';

/** Identifies one completion on the wire: the same id and timestamp on every chunk of a stream. */
export interface CompletionHead {
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model as requested: these vendors echo it (or an alias of it). */
  model: string;
}

export function usageBody(config: FlavorConfig, counts: UsageCounts): Record<string, unknown> {
  return {
    prompt_tokens: counts.promptTokens,
    completion_tokens: counts.completionTokens,
    total_tokens: counts.promptTokens + counts.completionTokens,
    ...config.usageExtras?.(counts),
  };
}

/** The non-stream `chat.completion` object, with the flavor's extras. */
export function completionBody(config: FlavorConfig, head: CompletionHead, answer: ScriptedAnswer): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: answer.toolCalls.length > 0 ? null : answer.contentPieces.join(''),
    ...config.messageExtras,
  };
  if (config.reasoningField && answer.reasoningPieces.length > 0) message[config.reasoningField] = answer.reasoningPieces.join('');
  if (answer.toolCalls.length > 0) {
    message.tool_calls = answer.toolCalls.map(({ id, name, argumentPieces, extras }) => ({
      id,
      type: 'function',
      function: { name, arguments: argumentPieces.join('') },
      ...extras,
    }));
  }
  return {
    id: head.id,
    object: 'chat.completion',
    created: head.created,
    model: head.model,
    ...config.completionExtras?.(),
    choices: [{ index: 0, message, finish_reason: answer.finishReason }],
    usage: usageBody(config, answer.usage),
  };
}
