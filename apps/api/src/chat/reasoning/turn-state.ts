/**
 * The reasoning state of one assistant turn that called tools: what the next turn must bring
 * back for the vendor to go on (Gemini's thought signatures, Claude's thinking blocks,
 * DeepSeek's reasoning_content), and who wrote it, so another vendor or model is never handed
 * state it cannot read.
 */
export interface TurnOrigin {
  provider: string;
  /** Whose state it is (`anthropic` for Claude direct and on Vertex): see ReasoningReplay.family. */
  family: string;
  /** The vendor's model id. */
  model: string;
}

export interface TurnState {
  origin: TurnOrigin;
  /** The turn's tool call ids, in order; the state is found again by any of them. */
  toolCallIds: string[];
  reasoningContent?: string;
  /** Claude's `thinking` / `redacted_thinking` blocks, in order, signatures as issued. */
  thinkingBlocks?: Array<Record<string, unknown>>;
  /** Gemini thought signature per tool call id (only the calls that had one). */
  signatures?: Record<string, string>;
}

export type Json = Record<string, unknown>;

export function hasState(state: Omit<TurnState, 'origin'>): boolean {
  return state.toolCallIds.length > 0 && (Boolean(state.reasoningContent) || (state.thinkingBlocks?.length ?? 0) > 0 || Object.keys(state.signatures ?? {}).length > 0);
}

/** `tool_calls[].extra_content.google.thought_signature`: Gemini's field on its OpenAI-compatible endpoint. */
export function signatureOf(call: Json): string | undefined {
  const google = ((call.extra_content as Json | undefined)?.google ?? undefined) as Json | undefined;
  return typeof google?.thought_signature === 'string' ? google.thought_signature : undefined;
}
