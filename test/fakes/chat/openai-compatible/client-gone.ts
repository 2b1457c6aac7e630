import type { ServerResponse } from 'node:http';

/**
 * Waits `ms`, or less if the client goes away first: a fake must not keep timers (and so
 * the test process) alive for a client that has left. Resolves false when the client left.
 */
export function pauseUnlessGone(response: ServerResponse, ms: number): Promise<boolean> {
  if (isGone(response)) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      response.off('close', onClose);
      resolve(true);
    }, ms);
    response.once('close', onClose);
  });
}

/** For `[hang]`: resolves only when the client disconnects (or the fake is closed). */
export function untilGone(response: ServerResponse): Promise<void> {
  if (isGone(response)) return Promise.resolve();
  return new Promise((resolve) => response.once('close', () => resolve()));
}

/** Node marks the response destroyed when its socket closes, whoever closed it. */
export function isGone(response: ServerResponse): boolean {
  return response.destroyed;
}
