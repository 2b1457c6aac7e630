import type { UnsupportedParam } from '../contract/chat-model';
import type { ReasoningKnob } from '../reasoning/reasoning-knob';
import type { ReasoningReplay } from '../reasoning/reasoning-replay';

/**
 * The vendor's own switch for a request's reasoning knob: the fields to send (and how to name
 * the change for the client), or why this model takes none (the knob is then dropped and
 * reported).
 */
export type ReasoningMapping = { fields: Record<string, unknown>; label?: string } | { ignored: string };

/**
 * What makes one OpenAI-compatible text vendor different from the next: where it listens,
 * how it is told the key, how it streams usage, which options it refuses. A new vendor is
 * one of these (a few lines in its folder), never a copy of the adapter.
 */
export interface OpenAICompatibleVendor {
  /** The LiteLLM prefix (`xai`). */
  provider: string;
  /** The vendor's name in messages (`xAI`). */
  label: string;
  /** The chat completions URL for a deployment's `api_base` (undefined: the vendor's default). */
  chatUrl(apiBase: string | undefined): string;
  /**
   * How usage reaches a stream: `ask` sends `stream_options.include_usage` (OpenAI and most),
   * `always` means the vendor puts it on its last chunks unasked (OpenRouter, Perplexity), so
   * sending the option would be refused or pointless.
   */
  streamUsage: 'ask' | 'always';
  /** Headers besides `authorization: Bearer <key>`. */
  headers?(apiKey: string | undefined): Record<string, string>;
  /** The request's options this vendor refuses (see `ChatModel.unsupportedParams`). */
  unsupportedParams?(body: Record<string, unknown>, model: string): UnsupportedParam[];
  /**
   * Options renamed for this vendor and model (gpt-5 takes `max_completion_tokens`, not
   * `max_tokens`): applied to the body sent, and listed for the client.
   */
  renamedParams?(body: Record<string, unknown>, model: string): Array<{ from: string; to: string }>;
  /**
   * Maps the request's reasoning knob (undefined: the client set none; a vendor may still need a
   * field, e.g. DashScope's non-streaming Qwen3). Without it `reasoning_effort` passes as is.
   */
  reasoning?(knob: ReasoningKnob | undefined, model: string, body: Record<string, unknown>): ReasoningMapping | undefined;
  /** The earlier-turn reasoning state this vendor reads back (default: none, so none is sent). */
  reasoningReplay?: ReasoningReplay | ((model: string) => ReasoningReplay);
  /** A hint appended to an auth failure (DashScope keys are bound to a region, …). */
  authHint?(apiBase: string | undefined): string | undefined;
}
