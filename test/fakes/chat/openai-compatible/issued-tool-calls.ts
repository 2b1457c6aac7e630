/**
 * Every tool call a fake handed out, with the vendor extras it carried (Gemini's thought signature):
 * a vendor that checks replayed state knows what it issued, so the fake must too.
 */
export interface IssuedToolCall {
  model: string;
  id: string;
  name: string;
  /** Position among the parallel calls of its answer. */
  index: number;
  /** Fields the flavor added to the call, e.g. `extra_content`. */
  extras?: Record<string, unknown>;
}

/** What a flavor's `validate` may consult beyond the request itself. */
export interface ValidationContext {
  issued: readonly IssuedToolCall[];
}
