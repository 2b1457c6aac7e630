import type { ChatStreamPart, ChatUsage } from '../contract/chat-model';
import { finishReasonOf, fromAnthropicUsage, openAIUsageJson } from './anthropic-usage';

type Json = Record<string, unknown>;

/**
 * Anthropic's named SSE events as `chat.completion.chunk`s, one event at a time:
 * `message_start` gives the role chunk (and the input usage), text and thinking deltas become
 * `content` and `reasoning_content`, a thinking block's signature (and a redacted block) a
 * `thinking_blocks` delta, a `tool_use` block becomes a tool call whose arguments
 * arrive as `input_json_delta`s, `message_delta` the finish reason, `message_stop` the usage
 * chunk. `ping` and block stops carry nothing for an OpenAI client.
 */
export class AnthropicStreamTranslator {
  private id = '';
  private model = '';
  private readonly created = Math.floor(Date.now() / 1000);
  private startUsage: Json | undefined;
  private outputTokens = 0;
  /** Anthropic block index → OpenAI tool call index. */
  private readonly toolIndex = new Map<number, number>();
  stopped = false;

  /** The chunks one event makes (often none). */
  translate(event: string | undefined, data: Json): ChatStreamPart[] {
    const type = event ?? (data.type as string | undefined);
    switch (type) {
      case 'message_start': {
        const message = (data.message ?? {}) as Json;
        this.id = String(message.id ?? '');
        this.model = String(message.model ?? '');
        this.startUsage = message.usage as Json | undefined;
        return [this.chunk({ role: 'assistant', content: '' }, null, false)];
      }
      case 'content_block_start': {
        const block = (data.content_block ?? {}) as Json;
        // Redacted thinking arrives whole in its start event; the client gets it to send back.
        if (block.type === 'redacted_thinking') return [this.chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: String(block.data ?? '') }] }, null, true)];
        if (block.type !== 'tool_use') return [];
        const index = this.toolIndex.size;
        this.toolIndex.set(Number(data.index), index);
        return [this.chunk({ tool_calls: [{ index, id: String(block.id), type: 'function', function: { name: String(block.name), arguments: '' } }] }, null, true)];
      }
      case 'content_block_delta': {
        const delta = (data.delta ?? {}) as Json;
        if (delta.type === 'text_delta') return [this.chunk({ content: String(delta.text ?? '') }, null, true)];
        if (delta.type === 'thinking_delta') return [this.chunk({ reasoning_content: String(delta.thinking ?? '') }, null, true)];
        // The end of a thinking block: its signature, which the next turn must bring back with the text.
        if (delta.type === 'signature_delta') return [this.chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: String(delta.signature ?? '') }] }, null, true)];
        if (delta.type === 'input_json_delta') {
          const index = this.toolIndex.get(Number(data.index)) ?? 0;
          return [this.chunk({ tool_calls: [{ index, function: { arguments: String(delta.partial_json ?? '') } }] }, null, true)];
        }
        return [];
      }
      case 'message_delta': {
        const usage = data.usage as Json | undefined;
        if (typeof usage?.output_tokens === 'number') this.outputTokens = usage.output_tokens;
        const stop = ((data.delta ?? {}) as Json).stop_reason;
        return stop === undefined || stop === null ? [] : [this.chunk({}, finishReasonOf(stop), true)];
      }
      case 'message_stop': {
        this.stopped = true;
        const usage = this.usage();
        return [{ type: 'chunk', json: JSON.stringify({ ...this.head(), choices: [], usage: openAIUsageJson(usage) }), output: false, usageOnly: true, usage }];
      }
      default:
        return [];
    }
  }

  usage(): ChatUsage {
    return fromAnthropicUsage(this.startUsage, this.outputTokens || undefined);
  }

  private head() {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model };
  }

  private chunk(delta: Json, finishReason: string | null, output: boolean): ChatStreamPart {
    const json = JSON.stringify({ ...this.head(), choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] });
    return { type: 'chunk', json, output, usageOnly: false };
  }
}
