/**
 * `{base}/chat/completions` for a base as users write it: with or without a trailing slash,
 * or with the endpoint already pasted on from a curl example.
 */
export function chatCompletionsUrl(base: string): string {
  const trimmed = base.trim().replace(/\/+$/, '').replace(/\/chat\/completions$/i, '');
  return `${trimmed}/chat/completions`;
}
