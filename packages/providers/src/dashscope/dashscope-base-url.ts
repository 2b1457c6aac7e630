/** Singapore ("intl"): the region most non-China keys are created in. */
export const DEFAULT_DASHSCOPE_ORIGIN = 'https://dashscope-intl.aliyuncs.com';

/**
 * The origin the video paths hang off. Users write the origin (intl, Beijing, Virginia or a
 * `{WorkspaceId}.{region}.maas.aliyuncs.com` domain), often with the `/api/v1` of the native API
 * or the `/compatible-mode/v1` they already use for chat; either suffix is dropped here.
 */
export function dashScopeOrigin(apiBase: string | undefined): string {
  const base = (apiBase?.trim() || DEFAULT_DASHSCOPE_ORIGIN).replace(/\/+$/, '');
  return base.replace(/\/(?:api|compatible-mode)\/v1$/i, '');
}
