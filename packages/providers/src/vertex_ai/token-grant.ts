import { z } from 'zod';
import { UpstreamError, describeNetworkFailure } from '../http/upstream-error';
import type { UpstreamFetch, UpstreamResponse } from '../http/upstream-fetch';
import type { GrantedToken, TokenGrant } from './access-token-source';
import { serviceAccountAssertion } from './service-account-jwt';
import type { ServiceAccount } from './vertex-credentials';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Google's OAuth answers, lenient: only what is read. */
const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().nullish(),
});
const tokenErrorSchema = z.looseObject({ error: z.string().nullish(), error_description: z.string().nullish() });

/** Google grants an hour when the answer does not say. */
const DEFAULT_LIFETIME_SECONDS = 3600;

export interface TokenGrantOptions {
  fetch: UpstreamFetch;
  /** How the setting is named in messages (`vertex_credentials (os.environ/VERTEX_CREDENTIALS)`). */
  credentialsLabel: string;
  now?: () => number;
}

/**
 * The service-account sign-in: a freshly signed JWT POSTed form-encoded to the key's token
 * URI, answered with a bearer token. Every failure is an UpstreamError that says the grant
 * failed, in Google's words, and what to check.
 */
export function serviceAccountTokenGrant(account: ServiceAccount, options: TokenGrantOptions): TokenGrant {
  const now = options.now ?? Date.now;
  const failed = `Vertex AI: the access-token grant for service account ${account.clientEmail} failed`;
  return async (signal): Promise<GrantedToken> => {
    const assertion = serviceAccountAssertion(account, Math.floor(now() / 1000));
    let response: UpstreamResponse;
    try {
      response = await options.fetch(account.tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString(),
        signal,
      });
    } catch (error) {
      const network = describeNetworkFailure(error);
      throw new UpstreamError({
        code: network.timedOut ? 'upstream_timeout' : 'upstream_error',
        message: `${failed}: ${network.timedOut ? 'no answer in time from' : 'could not reach'} the token endpoint ${account.tokenUri} (${network.message}).`,
        url: account.tokenUri,
        isRetryable: true,
      });
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      const answer = tokenAnswerSchema.safeParse(safeJson(text));
      if (answer.success) return { accessToken: answer.data.access_token, expiresInSeconds: answer.data.expires_in ?? DEFAULT_LIFETIME_SECONDS };
      throw new UpstreamError({ code: 'upstream_error', message: `${failed}: ${account.tokenUri} answered ${response.status} without an access_token.`, url: account.tokenUri, statusCode: response.status, isRetryable: true });
    }
    throw refusedGrant(account, options.credentialsLabel, failed, response.status, text);
  };
}

function refusedGrant(account: ServiceAccount, credentialsLabel: string, failed: string, status: number, body: string): UpstreamError {
  const words = tokenErrorSchema.safeParse(safeJson(body));
  const error = words.success ? words.data.error : undefined;
  const description = words.success ? words.data.error_description : undefined;
  const said = [error, description].filter(Boolean).join(': ') || body.slice(0, 200).trim() || 'an empty body';
  const retryable = status === 429 || status >= 500;
  let fix = retryable
    ? 'Google\'s token endpoint is failing or throttling; it is tried again on the next request.'
    : `Check the service-account key in ${credentialsLabel}: it may have been deleted or disabled (IAM & Admin → Service accounts → Keys), or its account removed; the account also needs the Vertex AI User role (roles/aiplatform.user) in the project.`;
  // Google's words for an assertion outside its time window: this machine's clock is off.
  if (/iat|exp\b|timeframe/i.test(description ?? '')) fix += ' Check this machine\'s clock as well: the JWT\'s iat/exp must be within minutes of Google\'s time.';
  return new UpstreamError({
    code: retryable ? 'upstream_error' : 'upstream_auth',
    message: `${failed}: ${account.tokenUri} answered ${status} (${said}). ${fix}`,
    url: account.tokenUri,
    statusCode: status,
    responseBody: body.slice(0, 4000),
    isRetryable: retryable,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
