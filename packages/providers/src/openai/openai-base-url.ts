/** OpenAI's documented base; `api_base` replaces it for any upstream that speaks the same API. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The base paths hang off (`/videos`, `/chat/completions`), without a trailing slash. */
export function resolveOpenAIBaseUrl(apiBase: string | undefined): string {
  return (apiBase?.trim() || OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** True when the deployment talks to OpenAI itself rather than a compatible host. */
export function isOpenAIItself(apiBase: string | undefined): boolean {
  return new URL(resolveOpenAIBaseUrl(apiBase)).hostname === 'api.openai.com';
}
