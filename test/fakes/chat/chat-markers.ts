/**
 * The markers of ./chat-fake.ts, read from the last user message by every text fake. Parsed once per request so
 * the handlers only branch on typed fields.
 */
export interface ChatMarkers {
  /** `[429]` or `[500]`: answer with the vendor's error instead of the model. */
  failWith?: 429 | 500;
  hang: boolean;
  /** `[slow=MS]`: before the response headers. */
  slowMs: number;
  /** `[drip=MS]`: between stream chunks. */
  dripMs: number;
  /** `[long=N]`: the answer is N pieces `w1 … wN` instead of the greeting. */
  long?: number;
  streamError: boolean;
  /** `[cut-after=N]`: content pieces before the in-stream error. */
  cutAfter?: number;
  /** `[tool]` or `[tools=N]`: the answer calls the first offered tool. */
  tool: boolean;
  /** How many parallel calls: 1 for `[tool]`, N (1…8) for `[tools=N]`, 0 without either. */
  toolCalls: number;
  reasoning: boolean;
  /** `[fail-first=TOKEN]`: the first request carrying TOKEN gets the vendor's 5xx, later ones are answered (a passing fault). */
  failFirst?: string;
}

/** Enough for any test; a runaway `[long=…]` must not make the fake allocate without bound. */
const MAX_PIECES = 10_000;
/** More parallel calls than any test needs; each has its own id and arguments. */
const MAX_TOOL_CALLS = 8;

export function readChatMarkers(text: string): ChatMarkers {
  const markers: ChatMarkers = {
    hang: text.includes('[hang]'),
    slowMs: numberMarker(text, 'slow') ?? 0,
    dripMs: numberMarker(text, 'drip') ?? 0,
    streamError: text.includes('[stream-error]'),
    tool: false,
    toolCalls: 0,
    reasoning: text.includes('[reasoning]'),
  };
  const parallel = numberMarker(text, 'tools');
  if (parallel !== undefined) markers.toolCalls = Math.min(MAX_TOOL_CALLS, Math.max(1, parallel));
  else if (text.includes('[tool]')) markers.toolCalls = 1;
  markers.tool = markers.toolCalls > 0;
  if (text.includes('[429]')) markers.failWith = 429;
  else if (text.includes('[500]')) markers.failWith = 500;
  const long = numberMarker(text, 'long');
  if (long !== undefined) markers.long = Math.min(MAX_PIECES, long);
  const failFirst = /\[fail-first=([\w-]+)\]/.exec(text)?.[1];
  if (failFirst !== undefined) markers.failFirst = failFirst;
  const cutAfter = numberMarker(text, 'cut-after');
  if (cutAfter !== undefined) markers.cutAfter = cutAfter;
  return markers;
}

function numberMarker(text: string, name: string): number | undefined {
  const match = new RegExp(`\\[${name}=(\\d+)\\]`).exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * A model id starting `broken-` fails whatever the prompt: its streams error before any
 * content (`[stream-error]`), its other answers are the vendor's 5xx (`[500]`). One deployment
 * of a group can so fail while another, on the same fake, answers: failover tests need that.
 */
export function withModelFaults(markers: ChatMarkers, model: string, stream: boolean): ChatMarkers {
  if (!model.startsWith('broken-')) return markers;
  return stream ? { ...markers, streamError: true } : { ...markers, failWith: 500 };
}
