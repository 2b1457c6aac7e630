import { readOpenAIUsage, type ChatUsage, type UpstreamError } from '@reelay/providers';
import type { RelayedChunk, StreamEncoder } from '../chat/chat-dialect';
import { anthropicStreamError } from './anthropic-errors';
import { messageIdOf, toolUseId, type AnswerContext } from './anthropic-message';
import { estimatedUsage, stopReasonOf, toMessagesUsage } from './anthropic-usage';

type Json = Record<string, unknown>;
type BlockKind = 'thinking' | 'redacted_thinking' | 'text' | 'tool_use';

/**
 * Neutral chunks as Anthropic's named SSE events. Blocks get consecutive indexes and one is open
 * at a time: the next kind closes it (a signed `thinking_blocks` entry closes its thinking block
 * with a `signature_delta`). Tool arguments pass as `input_json_delta`s of their own tool_use
 * block, never dropped and never in place of text (LiteLLM #25321, #29286, #25836).
 * `message_start` carries the input estimate, not zeros (Claude Code breaks on those, LiteLLM
 * #24176); `message_delta` the vendor's usage, cache reads out of `input_tokens`.
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  readonly contentType = 'text/event-stream; charset=utf-8';
  private started = false;
  private nextIndex = 0;
  private open: { kind: BlockKind; index: number } | undefined;
  /** Neutral tool call index → its tool_use block's index. */
  private readonly toolBlocks = new Map<number, number>();
  private finishReason: unknown = null;
  private reportedUsage: ChatUsage | undefined;
  /** What was written, for an estimate when the vendor reports no usage. */
  private outputCharacters = 0;

  constructor(private readonly context: AnswerContext) {}

  chunk(chunk: RelayedChunk): string {
    let parsed: Json;
    try {
      parsed = JSON.parse(chunk.json) as Json;
    } catch {
      return this.start(undefined);
    }
    let out = this.start(parsed.id);
    const usage = readOpenAIUsage(parsed.usage);
    if (usage) this.reportedUsage = usage;
    const choice = Array.isArray(parsed.choices) ? (parsed.choices[0] as Json | undefined) : undefined;
    if (!choice) return out;
    const delta = (choice.delta ?? {}) as Json;
    // Within one chunk: reasoning, the signature that ends it, then text, then tool calls.
    out += this.reasoning(delta.reasoning_content ?? delta.reasoning);
    out += this.thinkingBlocks(delta.thinking_blocks);
    out += this.text(delta.content);
    out += this.toolCalls(delta.tool_calls);
    if (choice.finish_reason !== undefined && choice.finish_reason !== null) this.finishReason = choice.finish_reason;
    return out;
  }

  failure(error: UpstreamError): string {
    // No message_stop: the SDKs raise the error instead of returning a cut answer as whole.
    return this.start(undefined) + anthropicStreamError(error);
  }

  end(usage: ChatUsage | undefined): string {
    const final = usage ?? this.reportedUsage ?? estimatedUsage(this.context.inputTokens, this.outputCharacters);
    const stopReason = stopReasonOf(this.finishReason, this.toolBlocks.size > 0);
    return (
      this.start(undefined) +
      this.close() +
      event('message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: toMessagesUsage(final) }) +
      event('message_stop', { type: 'message_stop' })
    );
  }

  private start(id: unknown): string {
    if (this.started) return '';
    this.started = true;
    const usage = { input_tokens: Math.max(1, this.context.inputTokens), output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const message = { id: messageIdOf(id), type: 'message', role: 'assistant', model: this.context.model, content: [], stop_reason: null, stop_sequence: null, usage };
    return event('message_start', { type: 'message_start', message });
  }

  private reasoning(text: unknown): string {
    if (typeof text !== 'string' || text === '') return '';
    const out = this.open?.kind === 'thinking' ? '' : this.openBlock('thinking', { type: 'thinking', thinking: '', signature: '' });
    return out + this.delta(this.open!.index, { type: 'thinking_delta', thinking: text });
  }

  private thinkingBlocks(blocks: unknown): string {
    if (!Array.isArray(blocks)) return '';
    let out = '';
    for (const block of blocks as Json[]) {
      if (block?.type === 'thinking') {
        if (this.open?.kind !== 'thinking') {
          out += this.openBlock('thinking', { type: 'thinking', thinking: '', signature: '' });
          if (typeof block.thinking === 'string' && block.thinking !== '') out += this.delta(this.open!.index, { type: 'thinking_delta', thinking: block.thinking });
        }
        if (typeof block.signature === 'string' && block.signature !== '') out += this.delta(this.open!.index, { type: 'signature_delta', signature: block.signature });
        out += this.close();
      } else if (block?.type === 'redacted_thinking') {
        out += this.openBlock('redacted_thinking', { type: 'redacted_thinking', data: String(block.data ?? '') }) + this.close();
      }
    }
    return out;
  }

  private text(text: unknown): string {
    if (typeof text !== 'string' || text === '') return '';
    const out = this.open?.kind === 'text' ? '' : this.openBlock('text', { type: 'text', text: '' });
    return out + this.delta(this.open!.index, { type: 'text_delta', text });
  }

  private toolCalls(calls: unknown): string {
    if (!Array.isArray(calls)) return '';
    let out = '';
    (calls as Json[]).forEach((call, position) => {
      const toolIndex = typeof call.index === 'number' ? call.index : position;
      const fn = (call.function ?? {}) as Json;
      let blockIndex = this.toolBlocks.get(toolIndex);
      if (blockIndex === undefined) {
        const id = typeof call.id === 'string' && call.id !== '' ? call.id : toolUseId();
        out += this.openBlock('tool_use', { type: 'tool_use', id, name: String(fn.name ?? ''), input: {} });
        blockIndex = this.open!.index;
        this.toolBlocks.set(toolIndex, blockIndex);
      }
      const args = typeof fn.arguments === 'string' ? fn.arguments : fn.arguments && typeof fn.arguments === 'object' ? JSON.stringify(fn.arguments) : '';
      // Sent to its own block's index even if a later block opened meanwhile: arguments are never dropped.
      if (args !== '') out += this.delta(blockIndex, { type: 'input_json_delta', partial_json: args });
    });
    return out;
  }

  private openBlock(kind: BlockKind, contentBlock: Json): string {
    const out = this.close();
    const index = this.nextIndex++;
    this.open = { kind, index };
    return out + event('content_block_start', { type: 'content_block_start', index, content_block: contentBlock });
  }

  private close(): string {
    if (!this.open) return '';
    const { index } = this.open;
    this.open = undefined;
    return event('content_block_stop', { type: 'content_block_stop', index });
  }

  private delta(index: number, delta: Json): string {
    const written = delta.text ?? delta.thinking ?? delta.partial_json;
    if (typeof written === 'string') this.outputCharacters += written.length;
    return event('content_block_delta', { type: 'content_block_delta', index, delta });
  }
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
