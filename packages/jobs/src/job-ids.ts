import { createHash, randomBytes } from 'node:crypto';

/** `video_` + 24 hex chars: OpenAI-like, and free of ':' which BullMQ forbids in job ids. */
export function newJobId(): string {
  return `video_${randomBytes(12).toString('hex')}`;
}

/** A stable, non-reversible owner tag for an API key; the key itself is never stored. */
export function ownerOf(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 24);
}
