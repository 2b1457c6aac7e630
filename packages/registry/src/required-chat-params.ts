import { requiredChatParams } from '@reelay/providers/catalog';
import { ConfigError } from './config-error';
import { errorWhere, lineText, type ConfigLocator } from './config-location';
import { formatPath, type ConfigPath } from './config-path';
import type { LiteLLMParams } from './config-schema';
import type { Deployment } from './types';

export interface RequiredParamsContext {
  locator: ConfigLocator;
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
    const location = context.locator.locate(paramsPath);
    const path = formatPath(location.path);
    const line = lineText(location);
    throw new ConfigError(
      `${location.file}: model "${deployment.modelName}" (${path}${line === '' ? '' : `, ${line}`}) is ${deployment.provider}/${deployment.upstreamModel} but sets no ${key}: add ${key}: ${fix}.`,
      { ...errorWhere(location), path: `${path}.${key}` },
    );
  }
}
