/** The Gemini API's origin; users write it with or without `/v1beta` (providers.md §2). */
export const GEMINI_DEFAULT_ORIGIN = 'https://generativelanguage.googleapis.com';

/** `https://host`, `https://host/`, `https://host/v1beta`, `…/v1beta/openai` → `https://host`. */
export function normaliseApiBase(apiBase: string): string {
  return apiBase
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/v1beta(?:\/openai)?$/i, '');
}

/** Where the native API's paths (`/models/…:predictLongRunning`, operations) hang off. */
export function geminiApiRoot(apiBase: string | undefined): string {
  return `${normaliseApiBase(apiBase ?? GEMINI_DEFAULT_ORIGIN)}/v1beta`;
}

/** The OpenAI-compatible base (`…/v1beta/openai`), for the chat adapter (text-providers.md §1.3). */
export function geminiOpenAICompatibleBase(apiBase: string | undefined): string {
  return `${geminiApiRoot(apiBase)}/openai`;
}
