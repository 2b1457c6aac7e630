/**
 * Notices a client that goes away before the fake ended its response, counts it once in
 * `aborted`, and cancels whatever the fake was waiting on (slow, drip, hang) so no timer
 * outlives the connection.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { ChatFakeStats } from '../chat-fake';

export interface ClientWatch {
  /** Aborted once the client is gone. */
  signal: AbortSignal;
  /** Waits ms; rejects (and clears the timer) if the client goes first. */
  sleep(ms: number): Promise<void>;
  /** Resolves when the client goes: `[hang]` waits on this. */
  gone(): Promise<void>;
}

export function watchClient(response: ServerResponse, stats: ChatFakeStats): ClientWatch {
  const controller = new AbortController();
  response.once('close', () => {
    // 'close' also follows a normal end; only an early one is an abort.
    if (response.writableEnded) return;
    stats.aborted += 1;
    controller.abort();
  });
  const { signal } = controller;
  return {
    signal,
    sleep: async (ms) => {
      if (ms > 0) await delay(ms, undefined, { signal });
      else signal.throwIfAborted();
    },
    gone: () => (signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))),
  };
}
