import type { UpstreamErrorCode } from '@reelay/providers/catalog';
import type { RouterSettings } from './types';

/**
 * The routing rules video and text share, written once: how tiers order, which failures may
 * move a request to another deployment, and LiteLLM's cooldown defaults.
 */

/** A deployment's `order` tier: lower is tried first; no order = tier 0. */
export function tierOf(deployment: { order?: number }): number {
  return deployment.order ?? 0;
}

/** Sorts deployments by tier, highest priority first (stable within a tier). */
export function byTier(a: { order?: number }, b: { order?: number }): number {
  return tierOf(a) - tierOf(b);
}

/**
 * Failures on which a request may move to the next deployment: the vendor made nothing and
 * the request itself is fine, so another deployment may well succeed. A refused request
 * (`invalid_request`, `content_policy_violation`) would be refused there too.
 */
export const FAILOVER_CODES: ReadonlySet<UpstreamErrorCode> = new Set<UpstreamErrorCode>(['upstream_rate_limited', 'upstream_error', 'upstream_timeout', 'upstream_auth']);

/** LiteLLM's defaults: 3 failures a minute are tolerated, then a 5 s cooldown. */
export const DEFAULT_ALLOWED_FAILS = 3;
export const DEFAULT_COOLDOWN_SECONDS = 5;

export interface CooldownSettings {
  /** Failures within a minute that are tolerated; the next one starts a cooldown. */
  allowedFails: number;
  cooldownMs: number;
}

/** router_settings.allowed_fails and cooldown_time, with LiteLLM's defaults. */
export function cooldownSettingsOf(settings: RouterSettings): CooldownSettings {
  return {
    allowedFails: settings.allowedFails ?? DEFAULT_ALLOWED_FAILS,
    cooldownMs: (settings.cooldownTimeSeconds ?? DEFAULT_COOLDOWN_SECONDS) * 1000,
  };
}
