import { requiredChatParams } from '@reelay/providers/catalog';
import { ConfigError } from './config-error';
import { formatPath, type ConfigPath } from './config-path';
import type { LiteLLMParams } from './config-schema';
import type { Deployment } from './types';

export interface RequiredParamsContext {
  source: string;
  lineOf: (path: ConfigPath) => number | undefined;
}

/**
 * A chat deployment missing a setting its vendor cannot work without (the catalog lists them:
 * Vertex AI needs a project and a key) stops the load, naming the entry, its line and the key,
 * rather than failing every request later with a vaguer message.
 */
export function checkRequiredChatParams(deployment: Deployment, params: LiteLLMParams, paramsPath: ConfigPath, context: RequiredParamsContext): void {
  if (deployment.mode !== 'chat') return;
  const written = params as Record<string, unknown>;
  for (const [key, fix] of Object.entries(requiredChatParams(deployment.provider, deployment.upstreamModel))) {
    const value = written[key];
    if (value != null && !(typeof value === 'string' && value.trim() === '')) continue;
    const path = formatPath(paramsPath);
    const line = context.lineOf(paramsPath);
    throw new ConfigError(
      `${context.source}: model "${deployment.modelName}" (${path}${line === undefined ? '' : `, line ${line}`}) is ${deployment.provider}/${deployment.upstreamModel} but sets no ${key}: add ${key}: ${fix}.`,
      line === undefined ? { path: `${path}.${key}` } : { path: `${path}.${key}`, line },
    );
  }
}
