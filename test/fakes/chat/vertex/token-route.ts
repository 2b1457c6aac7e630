/**
 * POST /token: Google's OAuth 2 token endpoint for the JWT-bearer grant of a service account
 * (RFC 7523): the assertion must be RS256-signed by the account's key, issued by its
 * client_email, for the cloud-platform scope, addressed to this URI and valid for at most an
 * hour. Each grant issues a new access token of `tokenLifetimeSeconds`.
 */
import { randomBytes, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../shared/send-json';
import type { VertexFakeState } from './fake-state';
import { OAuthError } from './google-error';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
/** Google's words for an assertion outside its time window. */
const TIMEFRAME = 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';

export async function handleToken(state: VertexFakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const form = await readForm(request);
    checkAssertion(state, form);
  } catch (error) {
    if (error instanceof OAuthError) state.refusedGrants += 1;
    throw error;
  }
  const token = `ya29.fake-${randomBytes(24).toString('base64url')}`;
  state.tokens.set(token, Date.now() + state.tokenLifetimeSeconds * 1000);
  state.grants += 1;
  sendJson(response, 200, { access_token: token, expires_in: state.tokenLifetimeSeconds, token_type: 'Bearer' });
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  if (!(request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    request.resume();
    throw new OAuthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function checkAssertion(state: VertexFakeState, form: URLSearchParams): void {
  const grantType = form.get('grant_type');
  if (grantType !== JWT_BEARER) throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  const assertion = form.get('assertion');
  if (!assertion) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: assertion');
  const parts = assertion.split('.');
  if (parts.length !== 3) throw new OAuthError(400, 'invalid_grant', 'Invalid JWT: the assertion is not three base64url parts.');
  const [header, claims, signature] = parts as [string, string, string];
  if (readPart(header).alg !== 'RS256') throw new OAuthError(400, 'invalid_grant', 'Invalid JWT: alg must be RS256.');
  if (!verify('sha256', Buffer.from(`${header}.${claims}`), state.account.publicKey, Buffer.from(signature, 'base64url'))) {
    throw new OAuthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  }
  const { iss, scope, aud, iat, exp } = readPart(claims);
  const keyFile = state.account.keyFile;
  if (iss !== keyFile.client_email) throw new OAuthError(400, 'invalid_grant', 'Invalid grant: account not found');
  if (aud !== keyFile.token_uri) throw new OAuthError(400, 'invalid_grant', `Invalid JWT: Failed audience check. The expected audience is ${keyFile.token_uri}.`);
  if (typeof scope !== 'string' || !scope.split(' ').includes(CLOUD_PLATFORM)) throw new OAuthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  const now = Math.floor(Date.now() / 1000);
  if (typeof iat !== 'number' || typeof exp !== 'number' || iat > now + 60 || exp <= now || exp - iat > 3600) throw new OAuthError(400, 'invalid_grant', TIMEFRAME);
}

function readPart(part: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new OAuthError(400, 'invalid_grant', 'Invalid JWT: a part is not base64url JSON.');
}
