import type { ChatCompletion } from '../contract/chat-model';
import { finishReasonOf, fromAnthropicUsage, openAIUsageJson } from './anthropic-usage';

type Json = Record<string, unknown>;

/** A Messages answer as a `chat.completion`: text joined, thinking as `reasoning_content` (and whole in `thinking_blocks`), tool_use as tool_calls. */
export function fromAnthropicMessage(message: Json, now = Date.now()): ChatCompletion {
  const blocks = Array.isArray(message.content) ? (message.content as Json[]) : [];
  const text = blocks.filter((b) => b.type === 'text').map((b) => String(b.text ?? '')).join('');
  const thinking = blocks.filter((b) => b.type === 'thinking').map((b) => String(b.thinking ?? '')).join('');
  const toolCalls = blocks
    .filter((b) => b.type === 'tool_use')
    .map((b) => ({ id: String(b.id), type: 'function', function: { name: String(b.name), arguments: JSON.stringify(b.input ?? {}) } }));
  const usage = fromAnthropicUsage(message.usage as Json | undefined);
  const assistant: Json = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text };
  if (thinking !== '') assistant.reasoning_content = thinking;
  // The blocks themselves, signature included, for the next turn (LiteLLM's field name, so its clients keep them).
  const thinkingBlocks = blocks.filter((b) => b.type === 'thinking' || b.type === 'redacted_thinking').map((b) => (b.type === 'thinking' ? { type: 'thinking', thinking: String(b.thinking ?? ''), signature: String(b.signature ?? '') } : { type: 'redacted_thinking', data: String(b.data ?? '') }));
  if (thinkingBlocks.length > 0) assistant.thinking_blocks = thinkingBlocks;
  if (toolCalls.length > 0) assistant.tool_calls = toolCalls;
  const completion = {
    id: String(message.id ?? `msg_${now}`),
    object: 'chat.completion',
    created: Math.floor(now / 1000),
    model: String(message.model ?? ''),
    choices: [{ index: 0, message: assistant, finish_reason: finishReasonOf(message.stop_reason), logprobs: null }],
    usage: openAIUsageJson(usage),
  };
  return { json: JSON.stringify(completion), usage };
}
