import { describe, expect, it } from 'vitest';
import { AccessTokenSource, type GrantedToken } from './access-token-source';

/** A token endpoint the test answers by hand, and a clock it moves by hand. */
function scripted(lifetimeSeconds = 3600) {
  let now = 1_000_000;
  const calls: Array<{ resolve: (token: GrantedToken) => void; reject: (error: Error) => void }> = [];
  const source = new AccessTokenSource({
    now: () => now,
    grant: () => new Promise<GrantedToken>((resolve, reject) => calls.push({ resolve, reject })),
  });
  const answer = (index: number, value = `token-${index}`) => calls[index]!.resolve({ accessToken: value, expiresInSeconds: lifetimeSeconds });
  return { source, calls, answer, advance: (ms: number) => (now += ms) };
}

const signal = () => new AbortController().signal;
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('AccessTokenSource', () => {
  it('callers who ask at once share one grant, and later callers reuse its token', async () => {
    const { source, calls, answer } = scripted();
    const asked = Promise.all([source.token(signal()), source.token(signal()), source.token(signal())]);
    await flush();
    expect(calls).toHaveLength(1);
    answer(0);
    expect(await asked).toEqual(['token-0', 'token-0', 'token-0']);
    expect(await source.token(signal())).toBe('token-0');
    expect(calls).toHaveLength(1);
  });

  it('renews 5 minutes before expiry, not at it', async () => {
    const { source, calls, answer, advance } = scripted(3600);
    const first = source.token(signal());
    await flush();
    answer(0);
    await first;
    advance(3600_000 - 5 * 60_000 - 1);
    expect(await source.token(signal())).toBe('token-0');
    advance(1);
    const renewed = source.token(signal());
    await flush();
    expect(calls).toHaveLength(2);
    answer(1);
    expect(await renewed).toBe('token-1');
  });

  it('renews a short-lived token a quarter of its lifetime early', async () => {
    const { source, calls, answer, advance } = scripted(4);
    const first = source.token(signal());
    await flush();
    answer(0);
    await first;
    advance(2_999);
    expect(await source.token(signal())).toBe('token-0');
    advance(1);
    void source.token(signal());
    await flush();
    expect(calls).toHaveLength(2);
  });

  it('keeps the old token while it holds when a renewal fails; an expired one is not handed out', async () => {
    const { source, calls, answer, advance } = scripted(3600);
    const first = source.token(signal());
    await flush();
    answer(0);
    await first;
    advance(3590_000);
    const during = source.token(signal());
    await flush();
    calls[1]!.reject(new Error('token endpoint down'));
    expect(await during).toBe('token-0');
    advance(10_000);
    const after = source.token(signal());
    await flush();
    calls[2]!.reject(new Error('token endpoint down'));
    await expect(after).rejects.toThrow('token endpoint down');
  });

  it('a caller that leaves does not cancel the grant the others wait on', async () => {
    const { source, calls, answer } = scripted();
    const leaving = new AbortController();
    const left = source.token(leaving.signal);
    const staying = source.token(signal());
    await flush();
    leaving.abort(new Error('client gone'));
    await expect(left).rejects.toThrow('client gone');
    answer(0);
    expect(await staying).toBe('token-0');
    expect(calls).toHaveLength(1);
  });

  it('invalidate drops a refused token: the next caller gets a new grant', async () => {
    const { source, calls, answer } = scripted();
    const first = source.token(signal());
    await flush();
    answer(0);
    await first;
    source.invalidate();
    const next = source.token(signal());
    await flush();
    answer(1);
    expect(await next).toBe('token-1');
    expect(calls).toHaveLength(2);
  });

  it('a grant failure reaches every waiter, and the next call tries again', async () => {
    const { source, calls, answer } = scripted();
    const both = Promise.allSettled([source.token(signal()), source.token(signal())]);
    await flush();
    calls[0]!.reject(new Error('invalid_grant'));
    expect((await both).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    const again = source.token(signal());
    await flush();
    answer(1);
    expect(await again).toBe('token-1');
  });
});
