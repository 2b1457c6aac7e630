import { type Json, signatureOf, type TurnState } from './turn-state';

type Captured = Omit<TurnState, 'origin'>;

/**
 * Reads an answer's reasoning state as it goes by: from a non-stream `chat.completion`, or
 * chunk by chunk from a stream (reasoning text accumulates; a `thinking_blocks` delta closes a
 * Claude thinking block with its signature; a tool call's id and signature come on its deltas).
 * Answers without tool calls keep nothing: no vendor needs their state back.
 */
export class TurnCapture {
  private reasoning = '';
  /** Thinking text since the last closed thinking block. */
  private openThinking = '';
  private readonly blocks: Json[] = [];
  private readonly ids: string[] = [];
  private readonly signatures: Record<string, string> = {};
  private readonly idOfIndex = new Map<number, string>();
  private readonly pendingSignature = new Map<number, string>();

  /** One streamed chunk's JSON text. Most chunks (plain content) are skipped unparsed. */
  observeChunk(json: string): void {
    if (!json.includes('"tool_calls"') && !json.includes('reasoning') && !json.includes('"thinking_blocks"')) return;
    let parsed: Json;
    try {
      parsed = JSON.parse(json) as Json;
    } catch {
      return;
    }
    const delta = ((parsed.choices as Json[] | undefined)?.[0]?.delta ?? undefined) as Json | undefined;
    if (!delta) return;
    const text = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : typeof delta.reasoning === 'string' ? delta.reasoning : '';
    this.reasoning += text;
    this.openThinking += text;
    for (const block of Array.isArray(delta.thinking_blocks) ? (delta.thinking_blocks as Json[]) : []) {
      if (block.type === 'thinking') {
        this.blocks.push({ type: 'thinking', thinking: this.openThinking, signature: String(block.signature ?? '') });
        this.openThinking = '';
      } else if (block.type === 'redacted_thinking') this.blocks.push({ type: 'redacted_thinking', data: String(block.data ?? '') });
    }
    for (const call of Array.isArray(delta.tool_calls) ? (delta.tool_calls as Json[]) : []) {
      const index = typeof call.index === 'number' ? call.index : 0;
      if (typeof call.id === 'string' && call.id !== '' && !this.idOfIndex.has(index)) {
        this.idOfIndex.set(index, call.id);
        this.ids.push(call.id);
        const early = this.pendingSignature.get(index);
        if (early) this.signatures[call.id] = early;
      }
      const signature = signatureOf(call);
      if (signature === undefined) continue;
      const id = this.idOfIndex.get(index);
      if (id) this.signatures[id] = signature;
      else this.pendingSignature.set(index, signature);
    }
  }

  /** A non-stream completion's JSON text. */
  observeCompletion(json: string): void {
    if (!json.includes('"tool_calls"')) return;
    let parsed: Json;
    try {
      parsed = JSON.parse(json) as Json;
    } catch {
      return;
    }
    const message = ((parsed.choices as Json[] | undefined)?.[0]?.message ?? undefined) as Json | undefined;
    if (!message) return;
    if (typeof message.reasoning_content === 'string') this.reasoning = message.reasoning_content;
    else if (typeof message.reasoning === 'string') this.reasoning = message.reasoning;
    if (Array.isArray(message.thinking_blocks)) this.blocks.push(...(message.thinking_blocks as Json[]));
    for (const call of Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]) : []) {
      if (typeof call.id !== 'string' || call.id === '') continue;
      this.ids.push(call.id);
      const signature = signatureOf(call);
      if (signature !== undefined) this.signatures[call.id] = signature;
    }
  }

  result(): Captured {
    return {
      toolCallIds: this.ids,
      ...(this.reasoning !== '' ? { reasoningContent: this.reasoning } : {}),
      ...(this.blocks.length > 0 ? { thinkingBlocks: this.blocks } : {}),
      ...(Object.keys(this.signatures).length > 0 ? { signatures: this.signatures } : {}),
    };
  }
}
