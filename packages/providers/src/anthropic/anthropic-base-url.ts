export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** `{base}/v1/messages` for a base written as the origin, with `/v1`, or with the endpoint pasted on. */
export function anthropicMessagesUrl(apiBase: string | undefined): string {
  const base = (apiBase?.trim() || ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, '').replace(/\/v1(?:\/messages)?$/i, '');
  return `${base}/v1/messages`;
}
