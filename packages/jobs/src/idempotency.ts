import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type IdempotencyClaim =
  | { kind: 'new' }
  | { kind: 'replay'; jobId: string }
  | { kind: 'mismatch'; jobId: string };

/**
 * `Idempotency-Key` on creates (async.md §4): same owner + key + body → the same job,
 * a different body → a mismatch the API answers with 422. Keys live 24 h.
 */
export class IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'reelay',
    private readonly ttlSeconds = 24 * 3600,
  ) {}

  async claim(owner: string, key: string, body: unknown, jobId: string): Promise<IdempotencyClaim> {
    const redisKey = `${this.prefix}:idem:${owner}:${createHash('sha256').update(key).digest('hex')}`;
    const fingerprint = fingerprintOf(body);
    const value = JSON.stringify({ fingerprint, jobId });
    const set = await this.redis.set(redisKey, value, 'EX', this.ttlSeconds, 'NX');
    if (set === 'OK') return { kind: 'new' };
    const existing = JSON.parse((await this.redis.get(redisKey)) ?? '{}') as { fingerprint?: string; jobId?: string };
    if (!existing.jobId) return { kind: 'new' };
    return existing.fingerprint === fingerprint ? { kind: 'replay', jobId: existing.jobId } : { kind: 'mismatch', jobId: existing.jobId };
  }
}

/** Key order must not matter: `{a,b}` and `{b,a}` are the same request. */
export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(stableStringify(body)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
