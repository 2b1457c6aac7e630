import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { UpstreamFetch } from '../http/upstream-fetch';
import { CLOUD_PLATFORM_SCOPE } from './service-account-jwt';
import { serviceAccountTokenGrant } from './token-grant';
import { readServiceAccount } from './vertex-credentials';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const TOKEN_URI = 'https://oauth2.example/token';
const account = readServiceAccount(JSON.stringify({ type: 'service_account', client_email: 'bot@p.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), token_uri: TOKEN_URI }));
const NOW = 1_750_000_000_000;
const grantWith = (fetch: typeof globalThis.fetch) => serviceAccountTokenGrant(account, { fetch: fetch as unknown as UpstreamFetch, credentialsLabel: 'vertex_credentials (os.environ/VERTEX_CREDENTIALS)', now: () => NOW });
const signal = () => new AbortController().signal;
/** The token endpoint answering once with this status and JSON body (its request is form-encoded, not JSON). */
const answering = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;

describe('serviceAccountTokenGrant', () => {
  it("POSTs an RS256 JWT-bearer grant to the key's token URI and reads the token", async () => {
    const requests: Array<{ url: string; init: RequestInit }> = [];
    const grant = grantWith((async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify({ access_token: 'ya29.fresh', expires_in: 3599, token_type: 'Bearer' }), { status: 200 });
    }) as typeof fetch);
    expect(await grant(signal())).toEqual({ accessToken: 'ya29.fresh', expiresInSeconds: 3599 });
    const [{ url, init }] = requests as [{ url: string; init: RequestInit }];
    expect(url).toBe(TOKEN_URI);
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(String(init.body));
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, claims, signature] = form.get('assertion')!.split('.') as [string, string, string];
    expect(verify('sha256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({ iss: 'bot@p.iam.gserviceaccount.com', scope: CLOUD_PLATFORM_SCOPE, aud: TOKEN_URI, iat: NOW / 1000, exp: NOW / 1000 + 3600 });
  });

  it("a refused grant says so in Google's words and names the key to check", async () => {
    const error = await grantWith(answering(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }))(signal()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UpstreamError', code: 'upstream_auth', isRetryable: false, statusCode: 400, url: TOKEN_URI });
    expect((error as Error).message).toBe(
      'Vertex AI: the access-token grant for service account bot@p.iam.gserviceaccount.com failed: https://oauth2.example/token answered 400 (invalid_grant: Invalid JWT Signature.). Check the service-account key in vertex_credentials (os.environ/VERTEX_CREDENTIALS): it may have been deleted or disabled (IAM & Admin → Service accounts → Keys), or its account removed; the account also needs the Vertex AI User role (roles/aiplatform.user) in the project.',
    );
  });

  it('a clock Google disagrees with is named; an outage of the endpoint is retryable', async () => {
    const skew = await grantWith(answering(400, { error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.' }))(signal()).then(() => undefined, (e: unknown) => e as Error);
    expect(skew?.message).toMatch(/Check this machine's clock as well/);
    const down = await grantWith(answering(503, { error: 'backendError' }))(signal()).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'upstream_error', isRetryable: true });
    const unreachable = await grantWith((async () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } }))) as unknown as typeof fetch)(signal()).then(() => undefined, (e: unknown) => e as Error);
    expect(unreachable?.message).toMatch(/could not reach the token endpoint https:\/\/oauth2\.example\/token \(connect ECONNREFUSED\)/);
  });
});
