import { createHash } from 'node:crypto';
import type { UpstreamFetch } from '../http/upstream-fetch';
import { AccessTokenSource } from './access-token-source';
import { serviceAccountTokenGrant } from './token-grant';
import type { ServiceAccount } from './vertex-credentials';

/**
 * Account → its token source, for the whole process: every deployment of one service account
 * (a group spread over regions, the same key inline and as a file) shares one token and one
 * grant, as Google intends. Keyed by the key itself, so a rotated key gets its own source.
 */
const sources = new Map<string, AccessTokenSource>();

export interface SharedSourceOptions {
  fetch: UpstreamFetch;
  credentialsLabel: string;
}

/** The account's one token source; the first caller's transport and label serve all later ones. */
export function sharedTokenSource(account: ServiceAccount, options: SharedSourceOptions): AccessTokenSource {
  const key = `${account.tokenUri}\n${account.clientEmail}\n${createHash('sha256').update(account.privateKeyPem).digest('hex')}`;
  let source = sources.get(key);
  if (!source) {
    source = new AccessTokenSource({ grant: serviceAccountTokenGrant(account, options) });
    sources.set(key, source);
  }
  return source;
}
