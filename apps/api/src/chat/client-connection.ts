import type { ServerResponse } from 'node:http';

/**
 * Whether the client is still there, and the vendor call to cut the moment it leaves. One
 * listener per request instead of an AbortSignal chain per try (the text path's hot loop).
 */
export class ClientConnection {
  private left = false;
  private call: AbortController | undefined;
  private wake: (() => void) | undefined;

  constructor(res: ServerResponse) {
    res.once('close', () => {
      if (res.writableFinished) return;
      this.left = true;
      this.call?.abort(new Error('the client closed the connection'));
      this.wake?.();
    });
  }

  get gone(): boolean {
    return this.left;
  }

  /** The controller of the vendor call under way; the client leaving aborts it. */
  watch(call: AbortController | undefined): void {
    this.call = call;
    if (call && this.left) call.abort(new Error('the client closed the connection'));
  }

  /** Waits `ms`, or less if the client leaves meanwhile. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
