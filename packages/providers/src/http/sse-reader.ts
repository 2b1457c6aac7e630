import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** One server-sent event: its `event:` name (if any) and its `data:` lines joined by newlines. */
export interface SseEvent {
  event?: string;
  data: string;
}

/**
 * Server-sent events from a Node stream, as the spec frames them: events end at a blank
 * line, `:` lines are comments (OpenRouter's `: OPENROUTER PROCESSING`, DeepSeek's keep-alive)
 * and are skipped, CRLF and LF both end lines. Works on Buffers and strings only: no Web
 * Streams, no per-line allocations beyond the event's own text.
 */
export async function* readSseEvents(body: Readable): AsyncGenerator<SseEvent> {
  let pending = '';
  // A character may be split between two network reads: the decoder keeps its first bytes.
  const decoder = new StringDecoder('utf8');
  for await (const piece of body as AsyncIterable<Buffer | string>) {
    pending += typeof piece === 'string' ? piece : decoder.write(piece);
    let boundary: number;
    while ((boundary = nextBoundary(pending)) >= 0) {
      const block = pending.slice(0, boundary);
      pending = pending.slice(boundary + (pending.startsWith('\r\n\r\n', boundary) ? 4 : 2));
      const event = parseBlock(block);
      if (event) yield event;
    }
  }
  const last = parseBlock(pending + decoder.end());
  if (last) yield last;
}

function nextBoundary(text: string): number {
  const lf = text.indexOf('\n\n');
  const crlf = text.indexOf('\r\n\r\n');
  if (lf < 0) return crlf;
  if (crlf < 0) return lf;
  return Math.min(lf, crlf);
}

function parseBlock(block: string): SseEvent | undefined {
  if (block.trim() === '') return undefined;
  let event: string | undefined;
  let data: string | undefined;
  for (const rawLine of block.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (field === 'event') event = value;
  }
  return data === undefined ? undefined : { event, data };
}
