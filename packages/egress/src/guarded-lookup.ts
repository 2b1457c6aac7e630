import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describeNonPublicAddress, isPublicAddress } from './address-policy';
import { EgressRefusedError } from './egress-refused-error';

/** The `all: true` form of `dns.lookup`; injectable so tests can script answers. */
export type ResolveAllAddresses = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net.connect that resolves like `dns.lookup` but refuses when any answer is
 * non-public. The check runs on the very addresses the socket will use, so a name that was
 * public at submit time and points at 127.0.0.1 now (DNS rebinding) is still refused.
 * Refusing on any bad answer, rather than filtering, keeps the rule simple and the error explicit.
 */
export function createGuardedLookup(resolve: ResolveAllAddresses = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    // Node asks for `all: true` when happy-eyeballs (autoSelectFamily) is on, else one address.
    const wantsAll = (options as LookupOptions).all === true;
    const fail = (error: NodeJS.ErrnoException) => callback(error, wantsAll ? [] : '');
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return fail(error);
      const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
      if (blocked !== undefined) {
        return fail(new EgressRefusedError(hostname, blocked.address, describeNonPublicAddress(blocked.address)));
      }
      const first = addresses[0];
      if (first === undefined) return fail(Object.assign(new Error(`no address found for ${hostname}`), { code: 'ENOTFOUND' }));
      if (wantsAll) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
