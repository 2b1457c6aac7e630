import { pickDeployment, type Deployment, type Registry } from '@reelay/registry';
import type { AcquireResult, DeploymentLimiter, DeploymentLimits } from './deployment-limiter';

/** How soon a job waiting for an in-flight slot looks again. */
export const IN_FLIGHT_RECHECK_MS = 2_000;

export interface Exclusion {
  id: string;
  reason: string;
}

export interface RouteInput {
  registry: Registry;
  /** The model group the client asked for; its `fallbacks` are tried after it. */
  modelName: string;
  limiter: DeploymentLimiter;
  /** The job that will hold the in-flight lease. */
  jobId: string;
  /** `true`, or why this deployment cannot serve the job at all (no adapter, option not supported). */
  eligible: (deployment: Deployment) => true | string;
  /** Deployments this job already failed on in this run (failover), with the reason. */
  alreadyFailed?: ReadonlyMap<string, string>;
  random: () => number;
  /** Tokens the request will use, for tpm (text). */
  tokens?: number;
  /**
   * For a deployment with no rpm, tpm or max_parallel_requests, take nothing in Redis and only
   * check its cooldown (cached for a second per process): the text path's common case then
   * costs no Redis call. Video keeps counting every create. Default false.
   */
  unmeteredWhenUnlimited?: boolean;
}

export type RouteResult =
  /** A deployment was chosen and its request slot and in-flight lease are taken. */
  /** `requestId` is undefined when nothing was taken (an unlimited deployment, `unmeteredWhenUnlimited`). */
  | { kind: 'acquired'; deployment: Deployment; modelName: string; tier?: number; excluded: Exclusion[]; requestId?: string }
  /** Every eligible deployment is at a limit or cooling down: capacity returns in `retryAfterMs`. */
  | { kind: 'wait'; retryAfterMs: number; excluded: Exclusion[] }
  /** No deployment of the group or its fallbacks can ever serve this job. */
  | { kind: 'none'; excluded: Exclusion[] };

/**
 * Chooses a deployment as the config says, on every call:
 * 1. leave out deployments that cannot serve the job, are cooling down, or are at a limit;
 * 2. take the lowest `order` tier that still has one; 3. pick by weight inside it;
 * 4. none left: the group's fallbacks, in order; 5. still none: wait for capacity.
 * The acquire is atomic in Redis, so two workers can never both take the last slot;
 * a refused acquire just leaves that deployment out and picks again.
 */
export async function routeDeployment(input: RouteInput): Promise<RouteResult> {
  const groups = [input.modelName, ...(input.registry.routerSettings.fallbacks[input.modelName] ?? [])];
  const excluded: Exclusion[] = [];
  let retryAfterMs = Number.POSITIVE_INFINITY;

  for (const [index, group] of groups.entries()) {
    const label = (id: string) => (index === 0 ? id : `${id} (fallback ${group})`);
    const deployments = input.registry.deploymentsFor(group) ?? [];
    const exclude = new Map<string, string>();
    for (const deployment of deployments) {
      const failed = input.alreadyFailed?.get(deployment.id);
      const eligible = failed ? `create failed in this job: ${failed}` : input.eligible(deployment);
      if (eligible !== true) exclude.set(deployment.id, eligible);
    }
    for (;;) {
      const pick = pickDeployment(deployments, { random: input.random, exclude });
      const deployment = pick.deployment;
      if (!deployment) break;
      const limits = limitsOf(deployment, input.registry);
      if (input.unmeteredWhenUnlimited && !limits.rpm && !limits.tpm && !limits.maxParallelRequests) {
        const cooling = await input.limiter.cooldownLeft(deployment.id);
        if (cooling === 0) {
          excluded.push(...[...exclude].map(([id, reason]) => ({ id: label(id), reason })));
          return { kind: 'acquired', deployment, modelName: group, tier: pick.tier, excluded };
        }
        exclude.set(deployment.id, describeRefusal({ ok: false, reason: 'cooldown', retryAfterMs: cooling, used: 0, limit: 0 }));
        retryAfterMs = Math.min(retryAfterMs, cooling);
        continue;
      }
      const acquired = await input.limiter.acquire(deployment.id, limits, input.jobId, input.tokens ?? 0);
      if (acquired.ok) {
        excluded.push(...[...exclude].map(([id, reason]) => ({ id: label(id), reason })));
        return { kind: 'acquired', deployment, modelName: group, tier: pick.tier, excluded, requestId: acquired.requestId };
      }
      exclude.set(deployment.id, describeRefusal(acquired));
      // An in-flight slot frees when some job ends, not at a known time: look again soon.
      const wait = acquired.reason === 'in_flight' ? Math.min(acquired.retryAfterMs, IN_FLIGHT_RECHECK_MS) : acquired.retryAfterMs;
      retryAfterMs = Math.min(retryAfterMs, wait);
    }
    excluded.push(...[...exclude].map(([id, reason]) => ({ id: label(id), reason })));
  }
  return Number.isFinite(retryAfterMs) ? { kind: 'wait', retryAfterMs, excluded } : { kind: 'none', excluded };
}

/** A deployment's own limits, with router_settings.default_max_parallel_requests as the in-flight default. */
export function limitsOf(deployment: Deployment, registry: Registry): DeploymentLimits {
  return {
    rpm: deployment.rpm,
    tpm: deployment.tpm,
    maxParallelRequests: deployment.maxParallelRequests ?? registry.routerSettings.defaultMaxParallelRequests,
  };
}

/** A refusal in the words routing errors and explanations use ("at rpm 4/4 (a slot frees in 12.0 s)"). */
export function describeRefusal(result: Extract<AcquireResult, { ok: false }>): string {
  const seconds = (result.retryAfterMs / 1000).toFixed(1);
  switch (result.reason) {
    case 'cooldown':
      return `cooling down for ${seconds} s`;
    case 'rpm':
      return `at rpm ${result.used}/${result.limit} (a slot frees in ${seconds} s)`;
    case 'tpm':
      return `at tpm ${result.used}/${result.limit} (tokens free in ${seconds} s)`;
    case 'in_flight':
      return `at max_parallel_requests ${result.used}/${result.limit}`;
  }
}
