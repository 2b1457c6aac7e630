import { isOpenAIItself } from './openai-base-url';

/** OpenAI retired the Videos API (providers.md §1); other upstreams may still speak it. */
export const OPENAI_VIDEOS_SHUTDOWN = new Date('2026-09-24T00:00:00Z');
export const RETIRED_HINT = 'OpenAI shut down its Videos API on 2026-09-24; point api_base at an upstream that still speaks /v1/videos.';

/** Start-up warnings for OpenAI deployments: a Sora deployment on OpenAI itself can no longer work. */
export function openAINotices(settings: { model: string; apiBase?: string }, now: Date): string[] {
  const isVideoModel = settings.model.startsWith('sora');
  return isVideoModel && isOpenAIItself(settings.apiBase) && now >= OPENAI_VIDEOS_SHUTDOWN ? [`${settings.model}: ${RETIRED_HINT}`] : [];
}
