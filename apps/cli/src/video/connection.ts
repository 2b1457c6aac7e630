import { CliError } from './cli-error';

export const DEFAULT_REELAY_URL = 'http://127.0.0.1:4000';

/** Where the api is and which key to send, from the environment. */
export interface Connection {
  /** The api's origin (and path prefix, behind a proxy), without a trailing slash or `/v1`. */
  baseUrl: string;
  key: string;
  /** How the url was chosen, for error messages: the user may not know a default was used. */
  urlSource: 'REELAY_URL' | 'default';
}

export function connectionFromEnv(env: Record<string, string | undefined>): Connection {
  const raw = env.REELAY_URL?.trim();
  const urlSource = raw ? 'REELAY_URL' : 'default';
  let url: URL;
  try {
    url = new URL(raw || DEFAULT_REELAY_URL);
  } catch {
    throw new CliError(`REELAY_URL is not a URL: "${raw}"`, { fix: `set REELAY_URL to the api's address, e.g. export REELAY_URL=${DEFAULT_REELAY_URL}` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`REELAY_URL must be an http(s) URL, got "${raw}"`, { fix: `e.g. export REELAY_URL=${DEFAULT_REELAY_URL}` });
  }
  const key = env.REELAY_MASTER_KEY?.trim();
  if (!key) {
    throw new CliError('REELAY_MASTER_KEY is not set, and every /v1 route of the api needs the gateway key', {
      fix: "export REELAY_MASTER_KEY=<the gateway's key> (the api's REELAY_MASTER_KEY or general_settings.master_key)",
    });
  }
  // People paste OpenAI-style base URLs (…/v1); the routes below add /v1 themselves.
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
  return { baseUrl, key, urlSource };
}

/** Names the url and where it came from, for "cannot reach" messages. */
export function describeUrl(connection: Connection): string {
  return connection.urlSource === 'REELAY_URL' ? `${connection.baseUrl} (REELAY_URL)` : `${connection.baseUrl} (the default; REELAY_URL is not set)`;
}
