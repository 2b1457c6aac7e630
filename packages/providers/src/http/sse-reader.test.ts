import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSseEvents } from './sse-reader';

async function events(pieces: string[]) {
  const out = [];
  for await (const event of readSseEvents(Readable.from(pieces.map((p) => Buffer.from(p))))) out.push(event);
  return out;
}

describe('readSseEvents', () => {
  it('frames events across arbitrary splits, skips comments, keeps event names', async () => {
    expect(await events([': OPENROUTER PROCESSING\n\nda', 'ta: {"a":1}\n', '\nevent: message_stop\ndata: {}\n\ndata: [DONE]\n\n'])).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: 'message_stop', data: '{}' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  it('reads CRLF streams, multi-line data and a last event without its blank line', async () => {
    expect(await events(['data: one\r\ndata: two\r\n\r\n', 'data:three'])).toEqual([
      { event: undefined, data: 'one\ntwo' },
      { event: undefined, data: 'three' },
    ]);
  });

  it('keeps multi-byte characters split between pieces', async () => {
    const text = 'data: {"c":"你好"}\n\n';
    const bytes = Buffer.from(text);
    const out = [];
    for await (const event of readSseEvents(Readable.from([bytes.subarray(0, 14), bytes.subarray(14)]))) out.push(event);
    expect(out).toEqual([{ event: undefined, data: '{"c":"你好"}' }]);
  });
});
