/**
 * @reelay/egress: the one policy for every URL a client points reelay at (webhook callbacks,
 * input images, later chat image URLs). A leaf: it knows nothing of jobs, webhooks or vendors.
 * The operator's own api_base is not a client URL and does not go through it.
 */

/**
 * Submit-time check of a client's URL: http(s), no credentials, and (unless allowPrivate) no
 * literal non-public address in any spelling and no `localhost`. The reason is user-facing and
 * names the field. Hostnames are not resolved here; the guarded agent does that.
 */
export { checkOutboundUrl, type CheckOutboundUrlOptions, type OutboundUrlCheck } from './outbound-url';

/** True only for global unicast IPs (IPv4-mapped IPv6 is unwrapped first). */
export { isPublicAddress } from './address-policy';

/**
 * An undici Agent that refuses non-public addresses at connect time, after DNS, so DNS
 * rebinding cannot reach them; literal-IP hosts are checked too. allowPrivate → plain agent.
 * Close it (`agent.close()`) on shutdown.
 */
export { createGuardedAgent, type GuardedAgentOptions } from './guarded-agent';

/** What the guarded agent throws; callers tell a refusal from a network failure with it. */
export { EgressRefusedError, isEgressRefusedError } from './egress-refused-error';

/** A fetch through the guarded agent, for URLs clients supply (input images). */
export { createGuardedFetch } from './guarded-fetch';
