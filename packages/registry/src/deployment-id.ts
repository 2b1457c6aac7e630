import { createHash } from 'node:crypto';

/**
 * A short id that stays the same across restarts as long as the entry's group, model and
 * base URL do, so limits and cooldowns kept in Redis still apply after a redeploy.
 * The API key is deliberately not part of it.
 */
export function hashDeploymentId(modelName: string, model: string, apiBase: string | undefined): string {
  return createHash('sha256')
    .update([modelName, model, apiBase ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 12);
}
