import type { ArkFlavour } from './ark-models';

/** The documented data-plane bases (providers.md §4, §5.7). */
export const ARK_DEFAULT_BASE_URLS: Readonly<Record<ArkFlavour, string>> = {
  volcengine: 'https://ark.cn-beijing.volces.com/api/v3',
  byteplus: 'https://ark.ap-southeast.bytepluses.com/api/v3',
};

/**
 * Users write `api_base` as the vendor documents it (`…/api/v3`), as the bare origin, or with
 * the path of a curl example pasted on (the video tasks path or the chat one); all of them
 * mean the same base, which video and chat share.
 */
export function resolveArkBaseUrl(flavour: ArkFlavour, apiBase: string | undefined): string {
  const given = apiBase?.trim();
  if (!given) return ARK_DEFAULT_BASE_URLS[flavour];
  let base = given.replace(/\/+$/, '').replace(/\/(?:contents\/generations\/tasks|chat\/completions)$/i, '');
  if (/\/api\/v3$/i.test(base)) return base;
  if (/\/api$/i.test(base)) return `${base}/v3`;
  base = base.replace(/\/+$/, '');
  return `${base}/api/v3`;
}

/** Ark chat (Doubao): OpenAI-compatible at `{base}/chat/completions`. */
export function arkChatCompletionsUrl(flavour: ArkFlavour, apiBase: string | undefined): string {
  return `${resolveArkBaseUrl(flavour, apiBase)}/chat/completions`;
}
