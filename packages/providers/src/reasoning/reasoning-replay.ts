/**
 * How a model wants the reasoning state of earlier turns back. Reasoning models hand out
 * opaque state that must return on the next turn, each vendor in its own field
 * (text-providers.md §1 and §3.1); the api keeps what clients drop and, per attempt, gives
 * the target only what it can read: state from another vendor or model is left out, or
 * replaced by the vendor's documented placeholder, rather than turning into a 400.
 */
export interface ReasoningReplay {
  /** Whose state this model reads back: `anthropic` for Claude direct and on Vertex, `gemini`, else the provider. */
  family: string;
  /**
   * `reasoning_content` on assistant turns with tool calls: `required` (DeepSeek V4 in thinking
   * mode answers 400 without it, so an empty placeholder goes where none is known), `kept` when
   * present, `stripped` for vendors that refuse or ignore it.
   */
  reasoningContent: 'required' | 'kept' | 'stripped';
  /** Claude's thinking and redacted_thinking blocks (the `thinking_blocks` field). */
  thinkingBlocks: boolean;
  /**
   * Gemini's thought signatures (`tool_calls[].extra_content.google.thought_signature`):
   * `required` (Gemini 3 answers 400 for a function call of the current turn without one, so
   * the documented placeholder goes where none is known), `kept`, or `stripped`.
   */
  thoughtSignatures: 'required' | 'kept' | 'stripped';
}

/** What a vendor that knows none of it gets: nothing it could refuse. */
export const NO_REASONING_REPLAY: ReasoningReplay = { family: '', reasoningContent: 'stripped', thinkingBlocks: false, thoughtSignatures: 'stripped' };

/**
 * Gemini's documented value for a function call whose signature is unknown (a history written
 * by another model, or one whose state expired): it skips the check instead of failing the turn.
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';
