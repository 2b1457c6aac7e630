import ipaddr from 'ipaddr.js';

// Cloud instance-metadata endpoints (AWS/GCP/Azure IPv4, AWS Nitro IPv6). Both already fall in
// non-unicast ranges; they are named so the refusal tells the user what they hit.
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254']);

const RANGE_DESCRIPTIONS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  uniqueLocal: 'a private (unique-local) address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
};

/**
 * Parses an IP literal (brackets and zone allowed) and unwraps IPv4-mapped IPv6, because
 * `::ffff:127.0.0.1` reaches 127.0.0.1 while its IPv6 range says only "ipv4Mapped".
 */
function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (!ipaddr.isValid(bare)) return undefined;
  return ipaddr.process(bare);
}

/** True only for global unicast addresses; anything unparsable is treated as not public. */
export function isPublicAddress(ip: string): boolean {
  const address = parseAddress(ip);
  return address !== undefined && address.range() === 'unicast';
}

/**
 * Words for a refusal message, e.g. "a loopback address (127.0.0.1)". Mapped IPv6 shows the
 * IPv4 it reaches, since `[::ffff:7f00:1]` (what URL parsing produces) means little to a user.
 */
export function describeNonPublicAddress(ip: string): string {
  const address = parseAddress(ip);
  if (address === undefined) return `an address reelay cannot classify (${ip})`;
  const normalized = address.toString();
  const shown = normalized === ip.replace(/^\[|\]$/g, '') ? normalized : `${ip}, which is ${normalized}`;
  if (METADATA_ADDRESSES.has(normalized)) return `a cloud metadata address (${shown})`;
  const range = address.range();
  const words = RANGE_DESCRIPTIONS[range] ?? `a non-public (${range}) address`;
  return `${words} (${shown})`;
}
