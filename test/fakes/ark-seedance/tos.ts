import { createHmac, timingSafeEqual } from 'node:crypto';

/** TOS pre-signed URLs last 24 h (providers.md §4). */
export const TOS_EXPIRES_SECONDS = 86_400;

export interface TosSigner {
  secret: Buffer;
  region: string;
}

/**
 * A TOS-style pre-signed URL for an object the fake serves under `/_tos/`. Like the real
 * one it is public: the signature in the query is the only credential, valid for 24 h
 * from `signedAtMs` (the moment the task finished, so every poll returns the same URL).
 */
export function presignTosUrl(origin: string, key: string, signer: TosSigner, signedAtMs: number): string {
  const date = tosDate(signedAtMs);
  const query = new URLSearchParams({
    'X-Tos-Algorithm': 'TOS4-HMAC-SHA256',
    'X-Tos-Credential': `AKLTfake/${date.slice(0, 8)}/${signer.region}/tos/request`,
    'X-Tos-Date': date,
    'X-Tos-Expires': String(TOS_EXPIRES_SECONDS),
    'X-Tos-SignedHeaders': 'host',
    'X-Tos-Signature': sign(signer, key, date, String(TOS_EXPIRES_SECONDS)),
  });
  return `${origin}/_tos/${key}?${query}`;
}

export type TosCheck = 'ok' | 'expired' | 'bad-signature';

export function checkTosSignature(key: string, query: URLSearchParams, signer: TosSigner, nowMs: number): TosCheck {
  const date = query.get('X-Tos-Date') ?? '';
  const expires = query.get('X-Tos-Expires') ?? '';
  const given = Buffer.from(query.get('X-Tos-Signature') ?? '', 'hex');
  const expected = Buffer.from(sign(signer, key, date, expires), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
  const signedAt = Date.parse(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  return nowMs > signedAt + Number(expires) * 1000 ? 'expired' : 'ok';
}

function sign(signer: TosSigner, key: string, date: string, expires: string): string {
  return createHmac('sha256', signer.secret).update(`${key}\n${date}\n${expires}`).digest('hex');
}

/** `20260828T062711Z` */
function tosDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
