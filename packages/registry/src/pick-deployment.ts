import { tierOf } from './router-policy';
import type { Deployment } from './types';

export interface PickOptions {
  /** Returns a number in [0, 1); injected so tests and benchmarks are deterministic. */
  random: () => number;
  /** Deployment id → why it may not take this call (cooling down, at its rpm, …). */
  exclude?: ReadonlyMap<string, string>;
}

export interface PickResult {
  /** Undefined when every candidate was excluded (or there were none). */
  deployment?: Deployment;
  /** Each excluded candidate with its reason, in candidate order; feeds "no healthy deployment" errors. */
  excluded: Array<{ id: string; reason: string }>;
  /** The `order` tier the pick came from (no order = tier 0). */
  tier?: number;
}

/**
 * Chooses one deployment of a group. Pure: no clock, no state.
 * 1. drop excluded candidates (recording why);
 * 2. keep the lowest `order` tier that still has one: a strict priority, always honoured;
 * 3. inside the tier, weighted random by `weight` (default 1). When no deployment of the tier
 *    has a weight, weight by `rpm`, else `tpm` (a missing value counts 0, as in LiteLLM's
 *    simple-shuffle); with none of those, or all zero, uniformly.
 */
export function pickDeployment(candidates: readonly Deployment[], options: PickOptions): PickResult {
  const excluded: Array<{ id: string; reason: string }> = [];
  const available: Deployment[] = [];
  for (const candidate of candidates) {
    const reason = options.exclude?.get(candidate.id);
    if (reason === undefined) available.push(candidate);
    else excluded.push({ id: candidate.id, reason });
  }
  if (available.length === 0) return { excluded };

  const tier = Math.min(...available.map(tierOf));
  const inTier = available.filter((deployment) => tierOf(deployment) === tier);
  const deployment = weightedChoice(inTier, tierShares(inTier).shares, options.random);
  return deployment === undefined ? { excluded } : { deployment, excluded, tier };
}

/** What a tier's pick is weighted by: `weight` where any deployment of it has one, else rpm, else tpm, else equally. */
export type ShareBasis = 'weight' | 'rpm' | 'tpm' | 'equal';

/** The weighting `pickDeployment` uses for the available deployments of one tier (same order). */
export function tierShares(tier: readonly Deployment[]): { basis: ShareBasis; shares: number[] } {
  if (tier.some((deployment) => deployment.weight !== undefined)) return { basis: 'weight', shares: tier.map((deployment) => deployment.weight ?? 1) };
  if (tier.some((deployment) => deployment.rpm !== undefined)) return { basis: 'rpm', shares: tier.map((deployment) => deployment.rpm ?? 0) };
  if (tier.some((deployment) => deployment.tpm !== undefined)) return { basis: 'tpm', shares: tier.map((deployment) => deployment.tpm ?? 0) };
  return { basis: 'equal', shares: tier.map(() => 1) };
}

/** Each share's chance of being picked, as `weightedChoice` picks (all zero: uniformly). */
export function pickChances(shares: readonly number[]): number[] {
  const total = shares.reduce((sum, share) => sum + Math.max(0, share), 0);
  if (total <= 0) return shares.map(() => 1 / shares.length);
  return shares.map((share) => Math.max(0, share) / total);
}

/** One walk over the cumulative shares; all-zero shares fall back to a uniform pick. */
function weightedChoice<T>(items: readonly T[], weights: readonly number[], random: () => number): T | undefined {
  const total = weights.reduce((sum, weight) => sum + Math.max(0, weight), 0);
  if (total <= 0) return items[Math.min(items.length - 1, Math.floor(random() * items.length))];
  const target = random() * total;
  let cumulative = 0;
  let lastPositive: T | undefined;
  for (const [index, item] of items.entries()) {
    const weight = Math.max(0, weights[index] ?? 0);
    if (weight === 0) continue;
    cumulative += weight;
    lastPositive = item;
    if (target < cumulative) return item;
  }
  // Floating-point rounding can leave target a hair above the last boundary.
  return lastPositive;
}
