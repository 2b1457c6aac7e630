import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { isEgressRefusedError } from './egress-refused-error';
import { createGuardedLookup, type ResolveAllAddresses } from './guarded-lookup';

// Scripted DNS answers: no resolver is asked, no connection is made.
function answering(addresses: LookupAddress[]): ResolveAllAddresses {
  return (_hostname, _options, callback) => callback(null, addresses);
}

function lookupOnce(resolve: ResolveAllAddresses, all: boolean) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((done) => {
    createGuardedLookup(resolve)('hooks.example.com', { all }, (error, address, family) => done({ error, address, family }));
  });
}

describe('createGuardedLookup', () => {
  const publicAnswers: LookupAddress[] = [
    { address: '93.184.216.34', family: 4 },
    { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
  ];

  it('passes public answers through in the form net.connect asked for', async () => {
    expect(await lookupOnce(answering(publicAnswers), true)).toEqual({ error: null, address: publicAnswers, family: undefined });
    expect(await lookupOnce(answering(publicAnswers), false)).toEqual({ error: null, address: '93.184.216.34', family: 4 });
  });

  it.each([
    ['127.0.0.1', 4, /loopback/],
    ['10.0.0.5', 4, /private/],
    ['169.254.169.254', 4, /cloud metadata/],
    ['::ffff:127.0.0.1', 6, /loopback/],
  ])('refuses a name that resolves to %s (DNS rebinding)', async (address, family, expected) => {
    const { error } = await lookupOnce(answering([publicAnswers[0]!, { address, family }]), true);
    expect(isEgressRefusedError(error)).toBe(true);
    expect(error?.message).toMatch(/^refused to connect to hooks\.example\.com: it resolves to/);
    expect(error?.message).toMatch(expected);
  });

  it('passes DNS failures on unchanged, so they are retried', async () => {
    const failure = Object.assign(new Error('getaddrinfo ENOTFOUND hooks.example.com'), { code: 'ENOTFOUND' });
    const { error } = await lookupOnce((_hostname, _options, callback) => callback(failure, []), false);
    expect(error).toBe(failure);
  });
});
