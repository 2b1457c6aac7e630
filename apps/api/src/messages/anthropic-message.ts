import { randomUUID } from 'node:crypto';
import { anthropicToolInput, readOpenAIUsage } from '@reelay/providers';
import { estimatedUsage, stopReasonOf, toMessagesUsage } from './anthropic-usage';

type Json = Record<string, unknown>;

export interface AnswerContext {
  /** The model group the client asked for: what `model` says in the answer. */
  model: string;
  /** The estimate of the input, for an answer without usage. */
  inputTokens: number;
}

/**
 * A neutral `chat.completion` as an Anthropic Message: thinking first (the vendor's signed
 * `thinking_blocks` in order, else one unsigned block from `reasoning_content`/`reasoning`),
 * then the text, then each tool call as `tool_use` with its arguments parsed.
 */
export function toAnthropicMessage(json: string, context: AnswerContext): Json {
  const completion = JSON.parse(json) as Json;
  const choice = ((completion.choices as Json[] | undefined) ?? [])[0] ?? {};
  const message = (choice.message ?? {}) as Json;
  const content: Json[] = [...thinkingBlocks(message), ...textBlocks(message), ...toolUseBlocks(message.tool_calls)];
  const calledTools = content.some((block) => block.type === 'tool_use');
  const usage = readOpenAIUsage(completion.usage) ?? estimatedUsage(context.inputTokens, JSON.stringify(content).length);
  return {
    id: messageIdOf(completion.id),
    type: 'message',
    role: 'assistant',
    model: context.model,
    content,
    stop_reason: typeof message.refusal === 'string' && message.refusal !== '' ? 'refusal' : stopReasonOf(choice.finish_reason, calledTools),
    stop_sequence: null,
    usage: toMessagesUsage(usage),
  };
}

/** Anthropic's own id where the answer came from Anthropic; otherwise one in its form. */
export function messageIdOf(id: unknown): string {
  return typeof id === 'string' && /^msg_[\w-]+$/.test(id) ? id : `msg_${randomUUID().replace(/-/g, '')}`;
}

function thinkingBlocks(message: Json): Json[] {
  if (Array.isArray(message.thinking_blocks) && message.thinking_blocks.length > 0) {
    return (message.thinking_blocks as Json[]).flatMap((block): Json[] => {
      if (block?.type === 'thinking') return [{ type: 'thinking', thinking: String(block.thinking ?? ''), signature: String(block.signature ?? '') }];
      if (block?.type === 'redacted_thinking') return [{ type: 'redacted_thinking', data: String(block.data ?? '') }];
      return [];
    });
  }
  const reasoning = reasoningText(message);
  // Unsigned: the client sees the reasoning as thinking; sent back, it returns as reasoning_content only.
  return reasoning === '' ? [] : [{ type: 'thinking', thinking: reasoning, signature: '' }];
}

/** DeepSeek, Qwen and Anthropic targets say `reasoning_content`; OpenRouter and xAI `reasoning`. */
export function reasoningText(message: Json): string {
  const text = message.reasoning_content ?? message.reasoning;
  return typeof text === 'string' ? text : '';
}

function textBlocks(message: Json): Json[] {
  const { content, refusal } = message;
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (Array.isArray(content)) {
    const text = (content as Json[]).map((part) => (part?.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
    if (text !== '') return [{ type: 'text', text }];
  }
  return typeof refusal === 'string' && refusal !== '' ? [{ type: 'text', text: refusal }] : [];
}

function toolUseBlocks(toolCalls: unknown): Json[] {
  if (!Array.isArray(toolCalls)) return [];
  return (toolCalls as Json[]).map((call) => {
    const fn = (call.function ?? {}) as Json;
    return { type: 'tool_use', id: typeof call.id === 'string' && call.id !== '' ? call.id : toolUseId(), name: String(fn.name ?? ''), input: anthropicToolInput(fn.arguments) };
  });
}

export function toolUseId(): string {
  return `toolu_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

