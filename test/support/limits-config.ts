import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** One `model_list` entry pointing at a fake OpenAI Videos upstream. */
export interface VideoDeploymentSpec {
  /** `model_name`: the group clients ask for. */
  group: string;
  /** `model_info.id`, which the job's `routing.deployment_id` shows. */
  id: string;
  apiBase: string;
  apiKey: string;
  rpm?: number;
  maxParallelRequests?: number;
  order?: number;
  weight?: number;
}

export interface RouterSettingsSpec {
  allowedFails?: number;
  cooldownSeconds?: number;
  defaultMaxParallelRequests?: number;
  fallbacks?: Record<string, string[]>;
}

/**
 * Fast polling for fakes that finish in about a second (reelay's poll_* extensions,
 * seconds), and a deadline far beyond any test so a job waiting for capacity never expires.
 */
const FAST_POLLING = { poll_initial_seconds: 0.5, poll_min_seconds: 0.25, poll_max_seconds: 1, job_timeout_seconds: 900 };

/** A LiteLLM-style config as a user writes it, for `openai/sora-2` deployments on fakes. */
export function limitsConfigYaml(deployments: VideoDeploymentSpec[], router: RouterSettingsSpec = {}): string {
  const routerSettings: Record<string, unknown> = {};
  if (router.allowedFails !== undefined) routerSettings.allowed_fails = router.allowedFails;
  if (router.cooldownSeconds !== undefined) routerSettings.cooldown_time = router.cooldownSeconds;
  if (router.defaultMaxParallelRequests !== undefined) routerSettings.default_max_parallel_requests = router.defaultMaxParallelRequests;
  if (router.fallbacks) routerSettings.fallbacks = Object.entries(router.fallbacks).map(([group, targets]) => ({ [group]: targets }));
  const config: Record<string, unknown> = {
    model_list: deployments.map((deployment) => ({
      model_name: deployment.group,
      litellm_params: {
        model: 'openai/sora-2',
        api_base: deployment.apiBase,
        api_key: deployment.apiKey,
        ...(deployment.rpm !== undefined ? { rpm: deployment.rpm } : {}),
        ...(deployment.maxParallelRequests !== undefined ? { max_parallel_requests: deployment.maxParallelRequests } : {}),
        ...(deployment.order !== undefined ? { order: deployment.order } : {}),
        ...(deployment.weight !== undefined ? { weight: deployment.weight } : {}),
        ...FAST_POLLING,
      },
      model_info: { id: deployment.id },
    })),
  };
  if (Object.keys(routerSettings).length > 0) config.router_settings = routerSettings;
  return stringify(config);
}

/** Writes the config to a fresh temp dir and returns its path (for REELAY_CONFIG). */
export function writeTempConfig(yamlText: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'reelay-limits-')), 'config.yaml');
  writeFileSync(path, yamlText);
  return path;
}
