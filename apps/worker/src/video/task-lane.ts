import type { JobRecord } from '@reelay/jobs';
import type { VideoJobContext } from './video-job-context';

/**
 * The lane that should watch a job's upstream task: the lane of the deployment that holds it
 * (its provider's). Undefined when the job has no deployment, or one no longer in the config.
 */
export function taskLane(ctx: VideoJobContext, record: JobRecord): { lane: string; provider: string } | undefined {
  const deployment = record.deploymentId ? ctx.models.deploymentById(record.deploymentId) : undefined;
  return deployment && { lane: ctx.laneOf(deployment), provider: deployment.provider };
}
