import { UpstreamError } from '@reelay/providers';
import type { VideoJobContext } from './video-job-context';

export type UpstreamCallKind = 'create' | 'status' | 'result' | 'cancel';

/**
 * Runs one call to a provider and counts it for `/metrics` (reelay_upstream_calls_total)
 * by deployment, kind and outcome: `ok`, or the error code it failed with.
 */
export async function countedCall<T>(ctx: VideoJobContext, deploymentId: string, kind: UpstreamCallKind, call: () => Promise<T>): Promise<T> {
  try {
    const result = await call();
    ctx.counters.count('upstream_calls', [deploymentId, kind, 'ok']);
    return result;
  } catch (error) {
    ctx.counters.count('upstream_calls', [deploymentId, kind, error instanceof UpstreamError ? error.code : 'internal_error']);
    throw error;
  }
}
