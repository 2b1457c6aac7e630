import { knownProviderPrefixes } from '@reelay/providers/catalog';
import type { Fallbacks, LiteLLMConfig } from './config-schema';
import type { RouterSettings } from './types';
import type { WarningSink } from './warning-sink';

/** Strategies reelay implements; any other is read but routing stays order tier → weight. */
const supportedStrategies = new Set(['simple-shuffle']);

/**
 * Router settings as LiteLLM resolves them: `router_settings` wins over the same value in
 * `litellm_settings` (and `general_settings.max_parallel_requests` is the per-deployment default).
 */
export function buildRouterSettings(config: LiteLLMConfig, modelNames: ReadonlySet<string>, sink: WarningSink): RouterSettings {
  const router = config.router_settings ?? {};
  const litellm = config.litellm_settings ?? {};
  const general = config.general_settings ?? {};

  const fallbacks: Record<string, string[]> = {};
  const sections = [
    ['litellm_settings', litellm.fallbacks],
    ['router_settings', router.fallbacks],
  ] as const;
  for (const [section, value] of sections) {
    for (const [group, targets] of Object.entries(fallbackRecord(value))) {
      fallbacks[group] = targets;
      checkFallback(section, group, targets, modelNames, sink);
    }
  }

  const statusCallsPerSecond: Record<string, number> = { ...(router.status_calls_per_second ?? {}) };
  const known = knownProviderPrefixes();
  for (const provider of Object.keys(statusCallsPerSecond)) {
    if (!known.includes(provider)) {
      sink.warn(['router_settings', 'status_calls_per_second', provider], `"${provider}" is not a provider reelay knows, so this limit applies to nothing. Providers: ${known.join(', ')}.`);
    }
  }

  const settings: RouterSettings = { fallbacks, statusCallsPerSecond };
  const set = <K extends keyof RouterSettings>(key: K, value: RouterSettings[K] | null | undefined) => {
    if (value != null) settings[key] = value;
  };
  set('allowedFails', router.allowed_fails ?? litellm.allowed_fails);
  set('cooldownTimeSeconds', router.cooldown_time);
  set('numRetries', router.num_retries ?? litellm.num_retries);
  set('defaultMaxParallelRequests', router.default_max_parallel_requests ?? general.max_parallel_requests);
  set('timeoutSeconds', router.timeout ?? litellm.request_timeout);
  set('streamTimeoutSeconds', router.stream_timeout);
  set('dropParams', litellm.drop_params);
  set('routingStrategy', router.routing_strategy);

  const strategy = router.routing_strategy;
  if (strategy != null && !supportedStrategies.has(strategy)) {
    sink.warn(
      ['router_settings', 'routing_strategy'],
      `"${strategy}" is not implemented by reelay; it routes like simple-shuffle (lowest order tier first, then by weight). Remove the key or set simple-shuffle.`,
    );
  }
  return settings;
}

/** `[{"gpt-4": ["gpt-3.5"]}, {"o1": "gpt-4"}]` or `{gpt-4: [...]}` → one record. */
function fallbackRecord(value: Fallbacks): Record<string, string[]> {
  if (value == null) return {};
  const record: Record<string, string[]> = {};
  for (const item of Array.isArray(value) ? value : [value]) {
    for (const [group, targets] of Object.entries(item)) record[group] = [...(record[group] ?? []), ...targets];
  }
  return record;
}

function checkFallback(
  section: string,
  group: string,
  targets: readonly string[],
  modelNames: ReadonlySet<string>,
  sink: WarningSink,
): void {
  if (!modelNames.has(group)) {
    sink.warn([section, 'fallbacks', group], `"${group}" is not a model_name in model_list, so this fallback never applies.`);
  }
  for (const target of targets) {
    if (!modelNames.has(target)) {
      sink.warn(
        [section, 'fallbacks', group, target],
        `fallback target "${target}" is not a model_name in model_list; add it to model_list or remove it.`,
      );
    }
  }
}
