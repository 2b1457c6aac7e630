export const PERPLEXITY_DEFAULT_BASE_URL = 'https://api.perplexity.ai';

/** Perplexity's own API host: its chat completions endpoint is retired, so it is always reached through the Agent API. */
const PERPLEXITY_HOST = /^api\.perplexity\.ai$/i;

/**
 * Whether a deployment still wants OpenAI-style chat completions: an `api_base` that ends in
 * `/chat/completions` on a host other than Perplexity's own (an old compat proxy that still
 * serves Sonar). Perplexity retired that endpoint on 2026-09-27, so on api.perplexity.ai the
 * same base goes to the Agent API instead.
 */
export function servesSonarChatCompletions(apiBase: string | undefined): boolean {
  const base = apiBase?.trim().replace(/\/+$/, '');
  if (!base || !/\/chat\/completions$/i.test(base)) return false;
  try {
    return !PERPLEXITY_HOST.test(new URL(base).hostname);
  } catch {
    return false;
  }
}

/**
 * `{origin}/v1/agent` for a base as users write it: the origin, with `/v1`, with the endpoint
 * (`/v1/agent`, its alias `/v1/responses`) pasted on, or with the old `/chat/completions`.
 */
export function perplexityAgentUrl(apiBase: string | undefined): string {
  const base = (apiBase?.trim() || PERPLEXITY_DEFAULT_BASE_URL)
    .replace(/\/+$/, '')
    .replace(/(?:\/v1)?\/chat\/completions$/i, '')
    .replace(/\/v1(?:\/agent|\/responses)?$/i, '');
  return `${base}/v1/agent`;
}
