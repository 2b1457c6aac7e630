import { canServe } from '@reelay/providers';
import type { Deployment } from '@reelay/registry';
import { boundedAll } from './bounded-all';
import type { Finding } from './finding';
import { probeDeployment } from './probe-deployment';

export interface ProbeAllOptions {
  /** Probes at once: the vendors see at most this many calls at a time. */
  concurrency: number;
  timeoutMs: number;
  /** A row instead of a probe for a deployment that cannot be probed (its key is unset); undefined: probe it. */
  skip?(deployment: Deployment): Finding | undefined;
}

/** One probe per deployment reelay can serve, in config order, a bounded number at a time. */
export function probeAll(deployments: readonly Deployment[], options: ProbeAllOptions): Promise<Finding[]> {
  const servable = deployments.filter((deployment) => canServe(deployment, deployment.mode === 'video_generation' ? 'video' : 'chat'));
  return boundedAll(servable, options.concurrency, (deployment) => Promise.resolve(options.skip?.(deployment) ?? probeDeployment(deployment, options.timeoutMs)));
}
