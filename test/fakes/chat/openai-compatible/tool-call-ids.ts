import { randomInt } from 'node:crypto';

/**
 * Tool-call ids as each vendor writes them: a gateway must carry them back verbatim, so tests need
 * the real shapes (all ≤ 40 characters of `[A-Za-z0-9_-]`, OpenAI's limit, text-providers.md §1.1).
 */
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) text += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return text;
}

/** OpenAI's `call_` + 24 characters (the default of every flavor). */
export function openAIToolCallId(): string {
  return `call_${randomAlphanumeric(24)}`;
}

/** DeepSeek V4 numbers parallel calls: `call_00_…`, `call_01_…` (recorded replies, e.g. `call_01_xCfbM5FPgi6geWULn2Fh8120`). */
export function deepseekToolCallId(index: number): string {
  return `call_${String(index).padStart(2, '0')}_${randomAlphanumeric(24)}`;
}

/**
 * Gemini's OpenAI-compatible endpoint: `function-call-` + an unsigned 64-bit decimal (its docs show
 * `function-call-1`; replayed histories carry e.g. `function-call-5873527561210830497`). Newer captures
 * also show short ids such as `jm4owj31` (noho/dayu-agent#45); the decimal form is the documented one.
 */
export function geminiToolCallId(): string {
  const high = BigInt(randomInt(2 ** 32));
  const low = BigInt(randomInt(2 ** 32));
  return `function-call-${((high << 32n) | low).toString()}`;
}
