import type { Request, RequestHandler } from 'express';
import { ApiError } from '../http/api-error';
import { keyChecker } from '../http/auth';

/** What the browser shows in its login dialog. */
const REALM = 'reelay admin';

/**
 * The gateway key for pages a person opens in a browser: `Authorization: Bearer <key>` (scripts,
 * curl) or HTTP Basic with the key as the password and any user name (the browser's own login
 * dialog, which a 401 with `WWW-Authenticate: Basic` opens). Never a query parameter: URLs end up
 * in logs, proxies and browser history.
 */
export function requireAdminKey(masterKey: string): RequestHandler {
  const check = keyChecker(masterKey);
  return (req, _res, next) => {
    const header = req.headers.authorization;
    const password = header === undefined ? undefined : basicPassword(header);
    if (header !== undefined && typeof check(password === undefined ? header : `Bearer ${password}`) === 'string') return next();
    next(
      new ApiError(401, 'The admin pages need the gateway key: as the password of the login dialog (any user name), or as "Authorization: Bearer <key>".', {
        code: header === undefined ? 'missing_api_key' : 'invalid_api_key',
        headers: { 'www-authenticate': `Basic realm="${REALM}", charset="UTF-8"` },
      }),
    );
  };
}

/**
 * Refuses every request that would change a queue (any method but GET and HEAD) unless
 * `allowWrite`; bull-board's read-only mode hides the buttons and refuses too, this holds even
 * for a route it forgets. Allowed writes must come from this site: a browser attaches Basic
 * credentials it remembers to requests other sites make, so a cross-site one is refused.
 */
export function guardAdminWrites(allowWrite: boolean): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (!allowWrite) {
      return next(new ApiError(403, 'The queue dashboard is read-only. Set REELAY_ADMIN_WRITE=true on the api to allow retries and removals.', { code: 'admin_read_only' }));
    }
    if (!fromThisSite(req)) {
      return next(new ApiError(403, 'A change to the queues must come from the dashboard itself, not from another site.', { code: 'cross_site_request' }));
    }
    next();
  };
}

/** Headers of every admin response: no framing (clickjacking of write buttons), nothing loaded from elsewhere. */
export const adminPageHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader(
    'content-security-policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  next();
};

function basicPassword(header: string): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/**
 * Every current browser sends Sec-Fetch-Site, which a page cannot forge and a proxy does not
 * change; older ones send Origin on every non-GET, compared with Host. Tools send neither.
 */
function fromThisSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.get('origin');
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false; // "null" (sandboxed frames, file:) or garbage
  }
}
