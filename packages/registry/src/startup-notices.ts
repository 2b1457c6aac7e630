import { deploymentNotices } from '@reelay/providers/catalog';
import type { Registry } from './types';

export interface StartupNotice {
  /** Where in the config (`config.yaml line 7: model_list[0].litellm_params.foo`), or which deployment. */
  where: string;
  message: string;
}

/**
 * Everything worth a warning line when a process starts: the config's own warnings and
 * what each provider knows about a deployment before calling it (e.g. a retired API).
 */
export function startupNotices(registry: Registry, now = new Date()): StartupNotice[] {
  const notices: StartupNotice[] = registry.warnings.map((warning) => {
    const line = warning.line === undefined ? '' : ` line ${warning.line}`;
    return { where: `${warning.file}${line}: ${warning.path}`, message: warning.message };
  });
  for (const deployment of registry.deployments) {
    for (const message of deploymentNotices(deployment.provider, { model: deployment.upstreamModel, apiBase: deployment.apiBase }, now)) {
      notices.push({ where: `deployment ${deployment.id}`, message });
    }
  }
  return notices;
}
