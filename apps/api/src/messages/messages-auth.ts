import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../http/api-error';
import { keyChecker } from '../http/auth';

/**
 * The gateway key as Anthropic's clients send it: `x-api-key` (Claude Code with
 * ANTHROPIC_API_KEY, older SDKs) or `Authorization: Bearer` (the 1.x SDK, ANTHROPIC_AUTH_TOKEN).
 * Either one being the gateway key is enough: a stale vendor key in the other header is not
 * held against the caller. The key's owner tag, or the 401 to answer.
 */
export function messagesKeyChecker(masterKey: string): (headers: IncomingHttpHeaders) => string | ApiError {
  const check = keyChecker(masterKey);
  return (headers) => {
    const apiKey = headers['x-api-key'];
    const { authorization } = headers;
    if (!authorization && !apiKey) {
      return new ApiError(401, 'Missing API key. Send the gateway key (REELAY_MASTER_KEY or general_settings.master_key) as "x-api-key: <key>" or "Authorization: Bearer <key>".', { code: 'missing_api_key' });
    }
    const viaBearer = authorization ? check(authorization) : undefined;
    if (typeof viaBearer === 'string') return viaBearer;
    const viaApiKey = typeof apiKey === 'string' && apiKey !== '' ? check(`Bearer ${apiKey}`) : undefined;
    if (typeof viaApiKey === 'string') return viaApiKey;
    return (viaBearer ?? viaApiKey)!;
  };
}
