import type { ArkFlavour } from './ark-models';

/** The documented data-plane bases (providers.md §4). */
export const ARK_DEFAULT_BASE_URLS: Readonly<Record<ArkFlavour, string>> = {
  volcengine: 'https://ark.cn-beijing.volces.com/api/v3',
  byteplus: 'https://ark.ap-southeast.bytepluses.com/api/v3',
};

/**
 * Users write `api_base` as the vendor documents it (`…/api/v3`), as the bare origin, or
 * with the tasks path pasted from a curl example; all of them mean the same base.
 */
export function resolveArkBaseUrl(flavour: ArkFlavour, apiBase: string | undefined): string {
  const given = apiBase?.trim();
  if (!given) return ARK_DEFAULT_BASE_URLS[flavour];
  let base = given.replace(/\/+$/, '').replace(/\/contents\/generations\/tasks$/i, '');
  if (/\/api\/v3$/i.test(base)) return base;
  if (/\/api$/i.test(base)) return `${base}/v3`;
  base = base.replace(/\/+$/, '');
  return `${base}/api/v3`;
}
