/** The markers of ../chat-fake.ts, read from the text of the last user turn only. */
import type { Turn } from './message-turns';

export interface ChatMarkers {
  /** `[429]` or `[500]` (Anthropic's 529). */
  status?: 429 | 500;
  hang: boolean;
  slowMs: number;
  dripMs: number;
  /** `[long=N]`; absent means the three-word greeting. */
  pieces?: number;
  streamError: boolean;
  cutAfter?: number;
  tool: boolean;
  reasoning: boolean;
}

/** Keeps a typo such as `[long=1e9]` from exhausting memory. */
const MAX_PIECES = 100_000;

export function readMarkers(turns: Turn[]): ChatMarkers {
  const text = lastUserText(turns);
  const markers: ChatMarkers = {
    hang: text.includes('[hang]'),
    slowMs: number(text, 'slow') ?? 0,
    dripMs: number(text, 'drip') ?? 0,
    streamError: text.includes('[stream-error]'),
    tool: text.includes('[tool]'),
    reasoning: text.includes('[reasoning]'),
  };
  if (text.includes('[429]')) markers.status = 429;
  else if (text.includes('[500]')) markers.status = 500;
  const pieces = number(text, 'long');
  if (pieces !== undefined) markers.pieces = Math.min(MAX_PIECES, pieces);
  const cutAfter = number(text, 'cut-after');
  if (cutAfter !== undefined) markers.cutAfter = cutAfter;
  return markers;
}

/** A tool result is the user's text too, so markers also steer the turn after a tool call. */
function lastUserText(turns: Turn[]): string {
  const turn = turns.findLast((candidate) => candidate.role === 'user');
  return (turn?.blocks ?? []).map((block) => (block.type === 'text' ? block.text : block.type === 'tool_result' ? block.text : '')).join('\n');
}

function number(text: string, name: string): number | undefined {
  const match = new RegExp(`\\[${name}=(\\d+)\\]`).exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
