import type { Logger } from 'pino';
import type { CompletionTimes, CounterBuffer, JobStore, PollSet } from '@reelay/jobs';
import type { CooldownPolicy, DeploymentLimiter } from '@reelay/limits';
import type { Deployment, Registry } from '@reelay/registry';
import type { ObjectStorage } from '@reelay/storage';
import type { WebhookNotifier } from '../notify/webhook-notifier';
import type { VideoModels } from './video-models';

/** Everything a video step needs; injected so tests script time and randomness. */
export interface VideoJobContext {
  registry: Registry;
  store: JobStore;
  /** The upstream tasks waiting for their next status call. */
  polls: PollSet;
  /** Counts for /metrics, written to Redis every few seconds. */
  counters: CounterBuffer;
  /** Each deployment's recent job lengths, which shape its poll schedule. */
  completionTimes: CompletionTimes;
  models: VideoModels;
  /**
   * The lane (BullMQ queue and poll set) that runs a deployment's tasks: its provider's,
   * `video-<provider>`, so that provider's pauses and caps apply. Tests name their own lanes.
   */
  laneOf: (deployment: Deployment) => string;
  limiter: DeploymentLimiter;
  cooldown: CooldownPolicy;
  /** REELAY_STORE_RETRY_SECONDS in ms: the most a failing upload is retried (else until the vendor's copy expires). */
  storeRetryMs?: number;
  storage: ObjectStorage;
  notifier: WebhookNotifier;
  logger: Logger;
  now: () => number;
  random: () => number;
}

/**
 * How a step ends:
 * - `wait`: come back to this step later (no deployment has capacity yet);
 * - `watch`: a task now exists upstream: watch it in the poll set of `lane`, its deployment's
 *   provider's, which may not be the queue the submit ran in (failover to another provider);
 * - `poll`: the upstream task is watched, its next status call is due in `delayMs`;
 * - `store`: the video is ready to copy to S3;
 * - `rate_limited`: a provider-wide 429, so pause the provider's lane and retry after it;
 * - `done`: nothing left to run.
 */
export type StepOutcome =
  | { kind: 'wait'; delayMs: number }
  | { kind: 'watch'; lane: string; delayMs: number }
  | { kind: 'poll'; delayMs: number }
  | { kind: 'store' }
  | { kind: 'rate_limited'; delayMs: number }
  | { kind: 'done' };
