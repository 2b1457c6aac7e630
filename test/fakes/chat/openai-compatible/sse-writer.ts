import type { ServerResponse } from 'node:http';
import { isGone, pauseUnlessGone } from './client-gone';
import type { FakeState } from './fake-state';

/**
 * Sends a 200 event stream and its frames, `dripMs` apart. Stops writing as soon as the
 * client is gone (the router counts that as an abort); a stream it finishes, normally or
 * with an in-stream error, counts in `streamsEnded`.
 */
export async function writeEventStream(
  state: FakeState,
  response: ServerResponse,
  frames: readonly string[],
  dripMs: number,
  headers: Record<string, string>,
): Promise<void> {
  response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  // Headers go out before the first frame, so a client sees the 200 even while a drip waits.
  response.flushHeaders();
  for (const [index, frame] of frames.entries()) {
    if (index > 0 && !(await pauseUnlessGone(response, dripMs))) return;
    if (isGone(response)) return;
    response.write(frame);
  }
  response.end();
  state.stats.streamsEnded += 1;
}
