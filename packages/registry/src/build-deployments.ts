import { DEPLOYMENT_MODES, inferDeploymentMode, isDeploymentMode, type DeploymentMode } from '@reelay/providers/catalog';
import { ConfigError } from './config-error';
import { errorWhere, lineText, pathIn, type ConfigLocator } from './config-location';
import { formatPath, isRecord, valueAt } from './config-path';
import type { LiteLLMParams, ModelEntry } from './config-schema';
import { hashDeploymentId } from './deployment-id';
import { splitProviderModel } from './provider-prefix';
import type { Deployment } from './types';
import { checkRequiredChatParams } from './required-chat-params';
import { readVertexParams } from './vertex-params';
import type { WarningSink } from './warning-sink';

export interface BuildContext {
  /** The env-resolved document before validation: `params` keeps values exactly as written. */
  rawData: unknown;
  fromEnv: ReadonlyMap<string, string>;
  sink: WarningSink;
  /** File, path and line of a config path, for errors that are found after validation. */
  locator: ConfigLocator;
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
        const here = context.locator.locate(['model_list', index, 'model_info', 'id']);
        const other = context.locator.locate(['model_list', earlier]);
        throw new ConfigError(
          `${here.file}: model "${entry.model_name}" (${formatPath(here.path)}) reuses id "${explicit}" of ${pathIn(other, here.file)}; give each deployment its own id.`,
          errorWhere(here),
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
    const location = context.locator.locate([...paramsPath, 'model']);
    throw new ConfigError(
      `${location.file}: model "${entry.model_name}" (${formatPath(location.path)}) has no model id after "${split.provider}/"; write e.g. ${split.provider}/<model id>.`,
      errorWhere(location),
    );
  }
  const apiBase = params.api_base ?? undefined;
  const rawParams = valueAt(context.rawData, paramsPath);
  const rawInfo = valueAt(context.rawData, ['model_list', index, 'model_info']);
  checkPollBounds(params, entry.model_name, index, context.locator);
  const configuredMode = modeFromConfig(entry, index, context);
  const deployment: Deployment = {
    id: entry.model_info?.id ?? hashDeploymentId(entry.model_name, params.model, apiBase),
    modelName: entry.model_name,
    provider: split.provider,
    providerKnown: split.providerKnown,
    upstreamModel: split.upstreamModel,
    mode: configuredMode ?? inferDeploymentMode(split.provider, split.upstreamModel),
    modeFromConfig: configuredMode !== undefined,
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
  if (params.timeout != null) deployment.timeoutSeconds = params.timeout;
  if (params.stream_timeout != null) deployment.streamTimeoutSeconds = params.stream_timeout;
  if (params.drop_params != null) deployment.dropParams = params.drop_params;
  if (params.extra_headers != null) deployment.extraHeaders = params.extra_headers;
  readVertexParams(deployment, params, paramsPath, context);
  checkRequiredChatParams(deployment, params, paramsPath, context);
  return deployment;
}

/** `model_info.mode` as written, checked against LiteLLM's names; undefined when not set. */
function modeFromConfig(entry: ModelEntry, index: number, context: BuildContext): DeploymentMode | undefined {
  const mode = entry.model_info?.mode ?? undefined;
  if (mode === undefined) return undefined;
  if (isDeploymentMode(mode)) return mode;
  const location = context.locator.locate(['model_list', index, 'model_info', 'mode']);
  const line = lineText(location);
  throw new ConfigError(
    `${location.file}: model "${entry.model_name}" (${formatPath(location.path)}${line === '' ? '' : `, ${line}`}) has mode "${mode}", which is not one of LiteLLM's modes; use one of ${DEPLOYMENT_MODES.join(', ')} (reelay serves chat and video_generation), or leave it out to let reelay infer it from the model id.`,
    errorWhere(location),
  );
}

/** The poll keys themselves are validated by the schema; their order is checked here. */
function checkPollBounds(params: LiteLLMParams, modelName: string, index: number, locator: ConfigLocator): void {
  const { poll_min_seconds: min, poll_max_seconds: max } = params;
  if (min != null && max != null && min > max) {
    const location = locator.locate(['model_list', index, 'litellm_params', 'poll_min_seconds']);
    throw new ConfigError(
      `${location.file}: model "${modelName}" (${formatPath(location.path)}) is larger than poll_max_seconds; make poll_min_seconds ≤ poll_max_seconds.`,
      errorWhere(location),
    );
  }
}
