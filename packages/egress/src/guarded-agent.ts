import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { describeNonPublicAddress, isPublicAddress } from './address-policy';
import { EgressRefusedError } from './egress-refused-error';
import { createGuardedLookup } from './guarded-lookup';

export interface GuardedAgentOptions {
  /** WEBHOOK_ALLOW_PRIVATE: skip the address checks and return a plain agent. */
  allowPrivate: boolean;
  /** TCP + TLS connect timeout. Default 10 000 ms (undici's default). */
  connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * An undici Agent for webhook egress. Unless allowPrivate, it refuses non-public addresses at
 * connect time: hostnames through a checking DNS lookup (so DNS rebinding cannot slip past
 * the submit-time check), and literal IPs in a connector wrapper, because Node's net.connect
 * skips `lookup` entirely for literal addresses.
 */
export function createGuardedAgent(options: GuardedAgentOptions): Agent {
  const timeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  if (options.allowPrivate) return new Agent({ connect: { timeout } });

  const connect = buildConnector({ timeout, lookup: createGuardedLookup() });
  return new Agent({
    connect: (connectOptions, callback) => {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) !== 0 && !isPublicAddress(host)) {
        callback(new EgressRefusedError(host, host, describeNonPublicAddress(host)), null);
        return;
      }
      connect(connectOptions, callback);
    },
  });
}
