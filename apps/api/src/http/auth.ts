import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ownerOf } from '@reelay/jobs';
import { ApiError } from './api-error';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own augmentation point
  namespace Express {
    interface Request {
      /** Owner tag of the authenticated key; jobs are scoped to it. */
      owner?: string;
    }
  }
}

/** Checks `Authorization: Bearer <key>` in constant time: the key's owner tag, or the 401 to answer. */
export function keyChecker(masterKey: string): (header: string | undefined) => string | ApiError {
  const expected = digest(masterKey);
  // Headers that passed the check once, with their owner: a hash per request is the text path's
  // largest cost after the sockets (P1). Only accepted keys are kept, so a guess learns nothing new.
  const accepted = new Map<string, string>();
  return (header) => {
    const known = header === undefined ? undefined : accepted.get(header);
    if (known !== undefined) return known;
    if (!header) {
      return new ApiError(401, 'Missing API key. Send it as "Authorization: Bearer <key>" (REELAY_MASTER_KEY or general_settings.master_key).', { code: 'missing_api_key' });
    }
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      return new ApiError(401, 'Incorrect API key provided. Use the gateway key (REELAY_MASTER_KEY or general_settings.master_key), not a provider key.', { code: 'invalid_api_key' });
    }
    const owner = ownerOf(match[1]!);
    if (accepted.size < 100) accepted.set(header, owner);
    return owner;
  };
}

/** `Authorization: Bearer <key>`, compared in constant time. */
export function requireApiKey(masterKey: string): RequestHandler {
  const check = keyChecker(masterKey);
  return (req, _res, next) => {
    const owner = check(req.headers.authorization);
    if (owner instanceof ApiError) return next(owner);
    req.owner = owner;
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
