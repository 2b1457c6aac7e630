import { isIP } from 'node:net';
import { describeNonPublicAddress, isPublicAddress } from './address-policy';

export type OutboundUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

export interface CheckOutboundUrlOptions {
  /** WEBHOOK_ALLOW_PRIVATE: let client URLs reach loopback and private networks (local dev, same-VPC receivers). */
  allowPrivate: boolean;
  /** The request field the URL came from, named in the reason (e.g. `image`, `callback_url`). */
  field: string;
  /** Said after the refusal of a URL with credentials: what to do instead (e.g. verify a signature). */
  credentialsHint?: string;
}

const PRIVATE_HINT =
  'reelay refuses private, loopback, link-local and metadata addresses unless WEBHOOK_ALLOW_PRIVATE=true';

/**
 * Submit-time check of a client-supplied URL reelay will fetch or call (a callback, an input
 * image a provider adapter downloads), so a bad URL is a 400 before any work is paid for. Only
 * literal addresses are judged here; hostnames are resolved and checked again at connect time
 * by the guarded agent, which is what actually stops DNS rebinding.
 */
export function checkOutboundUrl(url: string, options: CheckOutboundUrlOptions): OutboundUrlCheck {
  const { field } = options;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `${field} must be an absolute http(s) URL; got ${JSON.stringify(truncate(url))}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `${field} must be http(s); got ${parsed.protocol}` };
  }
  // Credentials in a URL end up in logs and are refused by fetch anyway.
  if (parsed.username !== '' || parsed.password !== '') {
    const hint = options.credentialsHint ? `; ${options.credentialsHint}` : '';
    return { ok: false, reason: `${field} must not contain credentials (user:password@)${hint}` };
  }
  if (options.allowPrivate) return { ok: true, url: parsed };

  // WHATWG URL has already turned every IPv4 spelling (0x7f000001, 2130706433, 0177.1) into
  // dotted decimal and every IPv6 one into its compressed form, so one parse covers them all.
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  if (isIP(host) !== 0) {
    if (!isPublicAddress(host)) {
      return { ok: false, reason: `${field} points at ${describeNonPublicAddress(host)}; ${PRIVATE_HINT}` };
    }
    return { ok: true, url: parsed };
  }
  // `localhost` never goes to DNS on most systems (RFC 6761), so it is refused by name too.
  const name = host.replace(/\.+$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) {
    return { ok: false, reason: `${field} points at localhost (${host}); ${PRIVATE_HINT}` };
  }
  return { ok: true, url: parsed };
}

function truncate(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
