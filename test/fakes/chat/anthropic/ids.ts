import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alphanumeric(length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) text += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return text;
}

/** Anthropic ids are a type prefix plus 24 alphanumerics (`msg_013Zva2CMHLNnXjNJJKqJ2EF`). */
export const newMessageId = () => `msg_${alphanumeric(24)}`;
export const newRequestId = () => `req_${alphanumeric(24)}`;
/** Matches `^[a-zA-Z0-9_-]+$`, the pattern Anthropic enforces when the id is sent back. */
export const newToolUseId = () => `toolu_${alphanumeric(24)}`;

/** Real signatures are opaque base64; random bytes make a mangled replay detectable. */
export const newThinkingSignature = () => randomBytes(96).toString('base64');
/** Redacted thinking is an encrypted blob, opaque like a signature. */
export const newRedactedThinking = () => `EmwK${randomBytes(120).toString('base64')}`;
