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
 * - `[reasoning]`      the vendor's reasoning output (where the vendor has one) before the answer;
 * - `[fail-first=T]`   the first request carrying token T gets the vendor's 5xx, later ones are answered
 *                      (OpenAI-compatible fakes).
 * A model id starting `broken-` fails whatever the prompt (see `withModelFaults` in chat-markers.ts).
 * Without markers the answer is "Hello from <flavor>" (+ pieces). Usage is always exact and
 * deterministic: prompt tokens = ceil(characters of all message text / 4), completion tokens =
 * number of content pieces (+ 5 for reasoning, + 10 for a tool call).
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
  /** A model id the fake serves (any model id is served, except ones starting `missing-`: the vendor's 404). */
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
