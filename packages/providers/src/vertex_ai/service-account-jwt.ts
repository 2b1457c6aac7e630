import { sign } from 'node:crypto';
import type { ServiceAccount } from './vertex-credentials';

/** The OAuth scope Vertex AI's prediction calls accept. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Google takes assertions valid for at most an hour. */
const ASSERTION_LIFETIME_SECONDS = 3600;

/**
 * The signed JWT of Google's service-account flow (RFC 7523 JWT-bearer grant): issued by the
 * account, for the cloud-platform scope, addressed to its token URI, valid for an hour.
 * RS256 is RSASSA-PKCS1-v1_5 with SHA-256, node:crypto's default for an RSA key.
 */
export function serviceAccountAssertion(account: ServiceAccount, nowSeconds: number): string {
  const header = { alg: 'RS256', typ: 'JWT' };
  const claims = { iss: account.clientEmail, scope: CLOUD_PLATFORM_SCOPE, aud: account.tokenUri, iat: nowSeconds, exp: nowSeconds + ASSERTION_LIFETIME_SECONDS };
  const unsigned = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(unsigned), account.privateKey);
  return `${unsigned}.${signature.toString('base64url')}`;
}

function base64Url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
