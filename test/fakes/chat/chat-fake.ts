/**
 * What every fake text upstream offers the tests, whatever its vendor protocol. Behaviour is
 * scripted by markers in the text of the LAST user message (so one fake serves many tests):
 * - `[429]`            the vendor's own 429 body, with `retry-after: 1`; counted in `rateLimited`;
 * - `[500]`            the vendor's own 5xx body (503 `overloaded` where the vendor has one, e.g. Anthropic 529);
 * - `[hang]`           never answers (no headers) until the client goes away;
 * - `[slow=MS]`        waits MS before the response headers;
 * - `[drip=MS]`        stream only: MS between chunks (default 0);
 * - `[long=N]`         the answer has N content pieces ("w1 w2 … wN"), default 3;
 * - `[stream-error]`   stream only: HTTP 200 and headers, keep-alives/preamble, then the vendor's
 *                      in-stream error BEFORE any content, and the stream ends (no [DONE]);
 * - `[cut-after=N]`    stream only: N content pieces, then the vendor's in-stream error, and the end;
 * - `[tool]`           the answer is a call of the first tool in `tools` (arguments `{"city":"Paris"}`),
 *                      finish reason `tool_calls` / `tool_use`;
 * - `[tools=N]`        OpenAI-compatible fakes: N (≤ 8) parallel calls of that tool, arguments
 *                      `{"city":"Paris"}`, `{"city":"Paris-2"}`, …, each with its own id (the Anthropic fake
 *                      answers one call);
 * - `[reasoning]`      the vendor's reasoning output (where the vendor has one) before the answer;
 * - `[fail-first=T]`   the first request carrying token T gets the vendor's 5xx, later ones are answered
 *                      (OpenAI-compatible fakes).
 * A model id starting `broken-` fails whatever the prompt (see `withModelFaults` in chat-markers.ts).
 * Without markers the answer is "Hello from <flavor>" (+ pieces). Usage is always exact and
 * deterministic: prompt tokens = ceil(characters of all message text / 4), completion tokens =
 * number of content pieces (+ 5 for reasoning, + 10 per tool call).
 *
 * Tool-call ids have each vendor's form: `call_` + 24 characters (OpenAI and most), DeepSeek
 * `call_00_…`, `call_01_…`, Gemini `function-call-<digits>`.
 *
 * Reasoning rules the OpenAI-compatible fakes enforce as the vendors do, whatever the markers
 * (a request that breaks one gets the vendor's error; see each flavor in openai-compatible/flavors/):
 * - gemini, model `gemini-3…`: the first of an answer's parallel tool calls carries
 *   `extra_content.google.thought_signature` (stream: on its first delta), the others none. Every
 *   assistant tool-call message after the last user message must bring that signature back on its first
 *   call (or `skip_thought_signature_validator`): missing → 400 "Function call is missing a
 *   thought_signature … position N"; not issued by this fake for this model, or on a later parallel
 *   call → 400 "Corrupted thought signature.". `reasoning_effort: "none"` on a 2.5/3 pro model, or with
 *   a native `thinking_config` budget/level (`extra_body.google` or `google`) → 400.
 * - deepseek: thinking is on with `thinking.type` enabled/adaptive, or a `reasoning_effort` other than
 *   none without `thinking` (off when neither is sent, unlike the real default). With it on every answer
 *   carries `reasoning_content`, and every assistant message with `tool_calls` must carry a
 *   `reasoning_content` string ('' counts) → else 400 "The reasoning_content in the thinking mode must be
 *   passed back to the API.". Unknown `thinking.type` → 400, unknown `reasoning_effort` → 422 (serde's words).
 * - openai: `thinking`, `enable_thinking`, `thinking_budget`, `extra_body`, `google`, `reasoning` → 400
 *   (gpt-4… and gpt-3.5… models: "Unrecognized request argument supplied: X", which also covers `reasoning_effort`;
 *   others "Unknown parameter: 'X'."); `reasoning_content`/`thinking_blocks` on a message or
 *   `extra_content` on a replayed tool call → 400 "Unknown parameter: 'messages[i]…'.".
 * - dashscope: `enable_thinking: true` (the default for open-source hybrid `qwen3-<size>` ids and
 *   Qwen ≥ 3.5) → `reasoning_content`; such a hybrid id refuses it on a non-stream call; `thinking_budget`
 *   must be a positive integer ≤ 38912.
 * - ark: `thinking.type` must be enabled/disabled/auto; enabled → `reasoning_content`.
 * - xai: `reasoning_effort` on a `…-reasoning` / `…-non-reasoning` model → 400 "does not support
 *   parameter reasoningEffort".
 */
export type ChatFlavor = 'openai' | 'xai' | 'perplexity' | 'dashscope' | 'ark' | 'openrouter' | 'deepseek' | 'gemini' | 'anthropic';

export interface ReceivedChat {
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The parsed JSON body. */
  body: Record<string, unknown>;
}

export interface ChatFakeStats {
  /** Authenticated requests that reached the model (any outcome). */
  requests: number;
  /** Of those, streamed ones. */
  streams: number;
  /** Streams the fake ended itself (normally or with an in-stream error). */
  streamsEnded: number;
  /** Responses the client went away from before the fake ended them (disconnects, timeouts). */
  aborted: number;
  rejectedAuth: number;
  rateLimited: number;
}

export interface ChatFake {
  flavor: ChatFlavor;
  /** What a user writes as `api_base` to reach this fake (the vendor's documented base form). */
  apiBase: string;
  /** Scheme, host and port only. */
  origin: string;
  apiKey: string;
  /** A model id the fake serves (any model id is served, except ones starting `missing-` and retired ones, see ./unknown-models.ts: the vendor's 404). */
  model: string;
  stats(): ChatFakeStats;
  /** Every authenticated request, oldest first. */
  received(): ReceivedChat[];
  close(): Promise<void>;
}

export interface ChatFakeOptions {
  apiKey: string;
  /** Default 0 (random). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}
