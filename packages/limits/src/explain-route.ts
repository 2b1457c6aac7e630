import { pickChances, tierOf, tierShares, type Deployment, type Registry, type ShareBasis } from '@reelay/registry';
import type { DeploymentLimits, DeploymentPeek } from './deployment-limiter';
import { IN_FLIGHT_RECHECK_MS, describeRefusal, limitsOf, type Exclusion } from './route-deployment';

export interface ExplainInput {
  registry: Registry;
  /** The group a request would name; its `fallbacks` follow it, as in `routeDeployment`. */
  modelName: string;
  /** As `routeDeployment`'s: `true`, or why the deployment cannot serve this kind of request at all. */
  eligible: (deployment: Deployment) => true | string;
  /**
   * Each deployment's `DeploymentLimiter.peek` (with `limitsOf` and the request's tokens), by id.
   * Undefined when Redis could not be read: only what the config says is explained.
   */
  live?: ReadonlyMap<string, DeploymentPeek>;
}

export interface DeploymentExplanation {
  deployment: Deployment;
  /** What `routeDeployment` counts against (`limitsOf`). */
  limits: DeploymentLimits;
  /** Undefined when not live. */
  state?: DeploymentPeek;
  /** `true`, or why routing leaves it out now. */
  eligible: true | string;
  /** Its chance of the pick when its tier is tried; null when not eligible. */
  share: number | null;
}

export interface TierExplanation {
  order: number;
  /** What the pick inside the tier is weighted by, over its eligible deployments (all of them when none is). */
  basis: ShareBasis;
  deployments: DeploymentExplanation[];
}

export interface GroupExplanation {
  modelName: string;
  /** False for the group asked for, true for its fallbacks. */
  fallback: boolean;
  /** Lowest order first; empty for a fallback that names no group. */
  tiers: TierExplanation[];
}

export type NextStep =
  /** The tier the next request's pick comes from, and each eligible deployment's chance. */
  | { kind: 'route'; modelName: string; fallback: boolean; tier: number; chances: Array<{ id: string; chance: number }>; excluded: Exclusion[] }
  /** Nothing eligible now; capacity returns in `retryAfterMs` (as `routeDeployment` would say). */
  | { kind: 'wait'; retryAfterMs: number; excluded: Exclusion[] }
  /** Nothing of the group or its fallbacks can serve this kind of request. */
  | { kind: 'none'; excluded: Exclusion[] };

export interface RouteExplanation {
  groups: GroupExplanation[];
  next: NextStep;
}

/**
 * What `routeDeployment` would do with the next request, read from the same state and rules
 * and taking nothing: per group (then its fallbacks) and order tier, each deployment with why
 * it is or is not eligible and its share of the weighted pick. Pure: the caller peeks Redis.
 */
export function explainRoute(input: ExplainInput): RouteExplanation {
  const groupNames = [input.modelName, ...(input.registry.routerSettings.fallbacks[input.modelName] ?? [])];
  const groups: GroupExplanation[] = [];
  const excluded: Exclusion[] = [];
  let next: NextStep | undefined;
  let retryAfterMs = Number.POSITIVE_INFINITY;

  for (const [index, modelName] of groupNames.entries()) {
    const fallback = index > 0;
    const label = (id: string) => (fallback ? `${id} (fallback ${modelName})` : id);
    const explained = (input.registry.deploymentsFor(modelName) ?? []).map((deployment) => explainDeployment(input, deployment));
    const tiers = [...new Set(explained.map((entry) => tierOf(entry.deployment)))].sort((a, b) => a - b).map((order) => explainTier(order, explained));
    groups.push({ modelName, fallback, tiers });

    for (const entry of explained) {
      if (entry.eligible === true) continue;
      const refusal = entry.state?.refusal;
      if (refusal) retryAfterMs = Math.min(retryAfterMs, refusal.reason === 'in_flight' ? Math.min(refusal.retryAfterMs, IN_FLIGHT_RECHECK_MS) : refusal.retryAfterMs);
    }
    const excludedHere = explained.filter((entry) => entry.eligible !== true).map((entry) => ({ id: label(entry.deployment.id), reason: entry.eligible as string }));
    const first = tiers.find((tier) => tier.deployments.some((entry) => entry.share !== null));
    if (!next && first) {
      const chances = first.deployments.filter((entry) => entry.share !== null).map((entry) => ({ id: entry.deployment.id, chance: entry.share! }));
      next = { kind: 'route', modelName, fallback, tier: first.order, chances, excluded: [...excluded, ...excludedHere] };
    }
    if (!next) excluded.push(...excludedHere);
  }
  next ??= Number.isFinite(retryAfterMs) ? { kind: 'wait', retryAfterMs, excluded } : { kind: 'none', excluded };
  return { groups, next };
}

function explainDeployment(input: ExplainInput, deployment: Deployment): DeploymentExplanation {
  const limits = limitsOf(deployment, input.registry);
  const state = input.live?.get(deployment.id);
  const cannot = input.eligible(deployment);
  const eligible = cannot !== true ? cannot : state?.refusal ? refusalReason(state) : true;
  return { deployment, limits, state, eligible, share: null };
}

/** One tier: the shares are those `pickDeployment` gives its eligible deployments. */
function explainTier(order: number, explained: readonly DeploymentExplanation[]): TierExplanation {
  const inTier = explained.filter((entry) => tierOf(entry.deployment) === order);
  const eligible = inTier.filter((entry) => entry.eligible === true);
  const { shares } = tierShares(eligible.map((entry) => entry.deployment));
  const chances = pickChances(shares);
  // With none of them eligible, the weighting they are picked by once they are.
  const { basis } = tierShares((eligible.length > 0 ? eligible : inTier).map((entry) => entry.deployment));
  const chanceOf = new Map(eligible.map((entry, index) => [entry, chances[index]!]));
  return { order, basis, deployments: inTier.map((entry) => ({ ...entry, share: chanceOf.get(entry) ?? null })) };
}

/** A cooldown says until when and why; a limit as the router's errors say it. */
function refusalReason(state: DeploymentPeek): string {
  const refusal = state.refusal!;
  if (refusal.reason !== 'cooldown') return describeRefusal(refusal);
  const seconds = `${(refusal.retryAfterMs / 1000).toFixed(1)} s`;
  const until = state.cooldownUntil === null ? `for ${seconds}` : `until ${new Date(state.cooldownUntil).toISOString()} (${seconds} more)`;
  return `cooling down ${until}${state.cooldownReason ? ` after ${state.cooldownReason}` : ''}`;
}
