import type { Logger } from 'pino';
import type { JobStore } from '@reelay/jobs';
import type { ObjectStorage } from '@reelay/storage';
import type { WebhookNotifier } from '../notify/webhook-notifier';
import type { VideoModels } from './video-models';

/** Everything a video step needs; injected so tests script time and randomness. */
export interface VideoJobContext {
  store: JobStore;
  models: VideoModels;
  storage: ObjectStorage;
  notifier: WebhookNotifier;
  logger: Logger;
  now: () => number;
  random: () => number;
}

/** How a step ends: wait and come back, or finish this BullMQ run. */
export type StepOutcome = { kind: 'wait'; delayMs: number } | { kind: 'done' };
