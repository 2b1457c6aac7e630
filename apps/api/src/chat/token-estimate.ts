/** Output reserved for a request that sets no max_tokens: a long answer, not the model's whole window. */
export const DEFAULT_OUTPUT_RESERVATION = 1_024;

/**
 * Tokens a request may use, reserved against tpm before the call and settled to the
 * upstream's usage after it: about four characters per token of every message text, plus
 * the output it allows. An estimate, never what is billed.
 */
export function estimateTokens(messages: unknown, maxOutputTokens: number | undefined): number {
  return Math.ceil(textLength(messages) / 4) + (maxOutputTokens ?? DEFAULT_OUTPUT_RESERVATION);
}

function textLength(value: unknown, depth = 0): number {
  if (depth > 8) return 0;
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + textLength(item, depth + 1), 0);
  if (value && typeof value === 'object') {
    let sum = 0;
    for (const [key, item] of Object.entries(value)) {
      // An image's bytes are not its tokens (vendors count images by tile); count the rest.
      if (key === 'image_url' || key === 'url' || key === 'data') continue;
      sum += textLength(item, depth + 1);
    }
    return sum;
  }
  return 0;
}
