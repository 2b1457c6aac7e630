import type { DeploymentLimits, DeploymentState, LastError } from '@reelay/limits';
import type { Registry } from '@reelay/registry';
import { ApiError } from '../http/api-error';

/**
 * How a deployment's limits and its state in Redis are shown, the same way by every route that
 * shows them (GET /v1/model/info, GET /v1/route/explain).
 */

/** The 404 for a model group that does not exist, naming the groups there are. */
export function unknownModelError(registry: Registry, model: string): ApiError {
  const names = registry.modelNames();
  return new ApiError(404, `The model "${model}" does not exist. Models you can use: ${names.join(', ') || '(none configured)'}.`, {
    param: 'model',
    code: 'model_not_found',
  });
}

/** What `limitsOf` counts against, null where there is no limit. */
export function limitsView(limits: DeploymentLimits) {
  return { rpm: limits.rpm ?? null, tpm: limits.tpm ?? null, max_parallel_requests: limits.maxParallelRequests ?? null };
}

export function cooldownUntilView(state: Pick<DeploymentState, 'cooldownUntil'>): string | null {
  return state.cooldownUntil === null ? null : new Date(state.cooldownUntil).toISOString();
}

export function lastErrorView(lastError: LastError | null) {
  return lastError && { at: new Date(lastError.at).toISOString(), code: lastError.code, message: lastError.message };
}
