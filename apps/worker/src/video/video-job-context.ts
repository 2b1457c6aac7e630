import type { Logger } from 'pino';
import type { JobStore } from '@reelay/jobs';
import type { CooldownPolicy, DeploymentLimiter } from '@reelay/limits';
import type { Registry } from '@reelay/registry';
import type { ObjectStorage } from '@reelay/storage';
import type { WebhookNotifier } from '../notify/webhook-notifier';
import type { VideoModels } from './video-models';

/** Everything a video step needs; injected so tests script time and randomness. */
export interface VideoJobContext {
  registry: Registry;
  store: JobStore;
  models: VideoModels;
  limiter: DeploymentLimiter;
  cooldown: CooldownPolicy;
  storage: ObjectStorage;
  notifier: WebhookNotifier;
  logger: Logger;
  now: () => number;
  random: () => number;
}

/**
 * How a step ends: wait and come back, finish this BullMQ run, or (a provider-wide 429)
 * pause the provider's whole queue for a while and retry this job after it.
 */
export type StepOutcome = { kind: 'wait'; delayMs: number } | { kind: 'done' } | { kind: 'rate_limited'; delayMs: number };
