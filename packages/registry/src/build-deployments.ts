import type { PollSchedule } from '@reelay/providers';
import { ConfigError } from './config-error';
import { formatPath, isRecord, valueAt } from './config-path';
import type { LiteLLMParams, ModelEntry } from './config-schema';
import { hashDeploymentId } from './deployment-id';
import { splitProviderModel } from './provider-prefix';
import type { Deployment } from './types';
import type { WarningSink } from './warning-sink';

export interface BuildContext {
  source: string;
  /** The env-resolved document before validation: `params` keeps values exactly as written. */
  rawData: unknown;
  fromEnv: ReadonlyMap<string, string>;
  sink: WarningSink;
}

/** Turns validated `model_list` entries into deployments, in file order, with unique ids. */
export function buildDeployments(entries: readonly ModelEntry[], context: BuildContext): Deployment[] {
  const explicitIds = new Map<string, number>();
  const hashedIds = new Set<string>();
  return entries.map((entry, index) => {
    const deployment = buildDeployment(entry, index, context);
    const explicit = entry.model_info?.id ?? undefined;
    if (explicit !== undefined) {
      const earlier = explicitIds.get(explicit);
      if (earlier !== undefined) {
        throw new ConfigError(
          `${context.source}: model "${entry.model_name}" (model_list[${index}].model_info.id) reuses id "${explicit}" of model_list[${earlier}]; give each deployment its own id.`,
          { path: `model_list[${index}].model_info.id` },
        );
      }
      explicitIds.set(explicit, index);
    } else {
      // Identical entries (same group, model and base) differ only by position: keep both, stably.
      let id = deployment.id;
      for (let copy = 2; hashedIds.has(id); copy += 1) id = `${deployment.id}-${copy}`;
      hashedIds.add(id);
      deployment.id = id;
    }
    return deployment;
  });
}

function buildDeployment(entry: ModelEntry, index: number, context: BuildContext): Deployment {
  const params = entry.litellm_params;
  const paramsPath = ['model_list', index, 'litellm_params'] as const;
  const split = splitProviderModel(params.model, params.custom_llm_provider ?? undefined);
  if (split.hint !== undefined) context.sink.warn([...paramsPath, 'model'], split.hint);
  if (split.upstreamModel === '') {
    throw new ConfigError(
      `${context.source}: model "${entry.model_name}" (${formatPath([...paramsPath, 'model'])}) has no model id after "${split.provider}/"; write e.g. ${split.provider}/<model id>.`,
      { path: formatPath([...paramsPath, 'model']) },
    );
  }
  const apiBase = params.api_base ?? undefined;
  const rawParams = valueAt(context.rawData, paramsPath);
  const rawInfo = valueAt(context.rawData, ['model_list', index, 'model_info']);
  const deployment: Deployment = {
    id: entry.model_info?.id ?? hashDeploymentId(entry.model_name, params.model, apiBase),
    modelName: entry.model_name,
    provider: split.provider,
    providerKnown: split.providerKnown,
    upstreamModel: split.upstreamModel,
    pollSchedule: pollScheduleOf(params, entry.model_name, index, context.source),
    params: isRecord(rawParams) ? { ...rawParams } : {},
    modelInfo: isRecord(rawInfo) ? { ...rawInfo } : {},
  };
  if (apiBase !== undefined) deployment.apiBase = apiBase;
  if (params.api_key != null) deployment.apiKey = params.api_key;
  const apiKeyEnv = context.fromEnv.get(formatPath([...paramsPath, 'api_key']));
  if (apiKeyEnv !== undefined) deployment.apiKeyEnv = apiKeyEnv;
  if (params.weight != null) deployment.weight = params.weight;
  if (params.order != null) deployment.order = params.order;
  if (params.rpm != null) deployment.rpm = params.rpm;
  if (params.tpm != null) deployment.tpm = params.tpm;
  if (params.max_parallel_requests != null) deployment.maxParallelRequests = params.max_parallel_requests;
  return deployment;
}

/** reelay's poll keys are in seconds, as LiteLLM's timeouts are; the schedule is in ms. */
function pollScheduleOf(params: LiteLLMParams, modelName: string, index: number, source: string): Partial<PollSchedule> {
  const ms = (seconds: number | null | undefined) => (seconds == null ? undefined : Math.round(seconds * 1000));
  const schedule: Partial<PollSchedule> = {};
  const initialDelayMs = ms(params.poll_initial_seconds);
  const minDelayMs = ms(params.poll_min_seconds);
  const maxDelayMs = ms(params.poll_max_seconds);
  const timeoutMs = ms(params.job_timeout_seconds);
  if (initialDelayMs !== undefined) schedule.initialDelayMs = initialDelayMs;
  if (minDelayMs !== undefined) schedule.minDelayMs = minDelayMs;
  if (maxDelayMs !== undefined) schedule.maxDelayMs = maxDelayMs;
  if (params.poll_elapsed_fraction != null) schedule.elapsedFraction = params.poll_elapsed_fraction;
  if (timeoutMs !== undefined) schedule.timeoutMs = timeoutMs;
  if (minDelayMs !== undefined && maxDelayMs !== undefined && minDelayMs > maxDelayMs) {
    const path = `model_list[${index}].litellm_params.poll_min_seconds`;
    throw new ConfigError(
      `${source}: model "${modelName}" (${path}) is larger than poll_max_seconds; make poll_min_seconds ≤ poll_max_seconds.`,
      { path },
    );
  }
  return schedule;
}
