/** An access token as the token endpoint granted it. */
export interface GrantedToken {
  accessToken: string;
  /** Seconds from the grant; Google gives 3599. */
  expiresInSeconds: number;
}

/** Asks the token endpoint for a new token (one HTTP call); rejects with an UpstreamError. */
export type TokenGrant = (signal: AbortSignal) => Promise<GrantedToken>;

export interface AccessTokenSourceOptions {
  grant: TokenGrant;
  /** Injected clock (ms). Default `Date.now`. */
  now?: () => number;
  /** Renew this long before expiry, at most a quarter of the token's lifetime. Default 5 minutes. */
  renewEarlyMs?: number;
  /** A grant that takes longer is given up (it is shared, so no caller's signal may cut it). Default 30 s. */
  grantTimeoutMs?: number;
}

interface HeldToken {
  value: string;
  /** From here on callers wait for a new one. */
  renewAtMs: number;
  /** After this Google refuses it. */
  expiresAtMs: number;
}

const DEFAULT_RENEW_EARLY_MS = 5 * 60_000;
const DEFAULT_GRANT_TIMEOUT_MS = 30_000;

/**
 * One account's access token, shared by every deployment and request that uses the account:
 * granted once, reused until shortly before it expires, renewed by a single grant however
 * many callers ask at once. A failed renewal falls back on the old token while it still
 * holds, so a brief outage of the token endpoint costs nothing.
 */
export class AccessTokenSource {
  private held: HeldToken | undefined;
  private pending: Promise<HeldToken> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: AccessTokenSourceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A token good for the next call; waits for a grant only when none is held or it is due for renewal. */
  async token(signal: AbortSignal): Promise<string> {
    const held = this.held;
    if (held && this.now() < held.renewAtMs) return held.value;
    try {
      return (await untilAborted(this.renew(), signal)).value;
    } catch (error) {
      if (!signal.aborted && held && this.now() < held.expiresAtMs) return held.value;
      throw error;
    }
  }

  /** Drops the held token (the API refused it: revoked, or its clock disagreed); the next call gets a new one. */
  invalidate(): void {
    this.held = undefined;
  }

  private renew(): Promise<HeldToken> {
    if (this.pending) return this.pending;
    const pending = this.grantOnce().finally(() => {
      this.pending = undefined;
    });
    // Every waiter may have left already; the failure is theirs to see, not the process's.
    pending.catch(() => undefined);
    this.pending = pending;
    return pending;
  }

  private async grantOnce(): Promise<HeldToken> {
    const asked = this.now();
    const granted = await this.options.grant(AbortSignal.timeout(this.options.grantTimeoutMs ?? DEFAULT_GRANT_TIMEOUT_MS));
    // Counted from the request, not the answer: the token's clock started at Google meanwhile.
    const lifetimeMs = Math.max(0, granted.expiresInSeconds * 1000);
    const early = Math.min(this.options.renewEarlyMs ?? DEFAULT_RENEW_EARLY_MS, lifetimeMs / 4);
    const held = { value: granted.accessToken, renewAtMs: asked + lifetimeMs - early, expiresAtMs: asked + lifetimeMs };
    this.held = held;
    return held;
  }
}

/** `promise`, or the signal's reason as soon as it aborts (the promise itself goes on for others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
