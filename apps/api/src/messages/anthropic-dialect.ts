import type { ChatDialect } from '../chat/chat-dialect';
import { toAnthropicMessage, type AnswerContext } from './anthropic-message';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder';

/**
 * Answers written as Anthropic's Messages API, whatever vendor served them: one dialect per
 * request, since the answer names the group asked for and starts with the request's input estimate.
 */
export function anthropicDialect(context: AnswerContext): ChatDialect {
  return {
    completion: (json) => ({ body: JSON.stringify(toAnthropicMessage(json, context)), contentType: 'application/json' }),
    // Usage always reaches message_delta, whatever the client asked: includeUsage is an OpenAI option.
    streamEncoder: () => new AnthropicStreamEncoder(context),
  };
}
