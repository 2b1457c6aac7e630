/** Singapore ("intl"): the region most non-China keys are created in. */
export const DEFAULT_DASHSCOPE_ORIGIN = 'https://dashscope-intl.aliyuncs.com';

/**
 * The origin both APIs hang off. Users write the origin (intl, Beijing, Virginia or a
 * `{WorkspaceId}.{region}.maas.aliyuncs.com` domain), often with the `/api/v1` of the native API
 * or the `/compatible-mode/v1` they already use for chat; either suffix is dropped here. Keys
 * are region-bound, so the origin is also what auth errors name.
 */
export function dashScopeOrigin(apiBase: string | undefined): string {
  const base = (apiBase?.trim() || DEFAULT_DASHSCOPE_ORIGIN).replace(/\/+$/, '');
  return base.replace(/\/(?:api|compatible-mode)\/v1$/i, '');
}

/** The native API (`/services/aigc/…`, `/tasks/{id}`): Wan video. */
export function dashScopeNativeBase(apiBase: string | undefined): string {
  return `${dashScopeOrigin(apiBase)}/api/v1`;
}

/** The OpenAI-compatible mode (`/chat/completions`): Qwen chat (text-providers.md §1.7). */
export function dashScopeCompatibleBase(apiBase: string | undefined): string {
  return `${dashScopeOrigin(apiBase)}/compatible-mode/v1`;
}
