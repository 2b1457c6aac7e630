import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { isTerminal, type CounterBuffer, type JobStore, type WebhookJobPayload } from '@reelay/jobs';
import type { createGuardedAgent } from '@reelay/egress';
import { deliverWebhook, webhookRetryDelayMs } from '@reelay/webhooks';

/** A failed attempt that should be retried, carrying the receiver's Retry-After. */
export class WebhookRetryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'WebhookRetryError';
  }
}

export interface WebhookDeliveryDeps {
  secret: string;
  agent: ReturnType<typeof createGuardedAgent>;
  logger: Logger;
  /** Counts each attempt for /metrics by event type and outcome. */
  counters: CounterBuffer;
  /** Where the job's current status is read, so a stale non-terminal event is not delivered. */
  store: Pick<JobStore, 'get'>;
}

/** Processor for the `webhooks` queue: one POST per attempt, the schedule is BullMQ's backoff. */
export function createWebhookDeliveryProcessor(deps: WebhookDeliveryDeps) {
  return async (job: Job<WebhookJobPayload>): Promise<string> => {
    const { eventId, url, body, jobId, type } = job.data;
    const log = { eventId, jobId, type, attempt: job.attemptsMade + 1 };
    if (!isTerminalEvent(type) && (await isFinished(deps.store, jobId))) {
      // After a receiver outage the retries of video.in_progress and video.completed race: a
      // receiver that applies events in arrival order would move a finished job back.
      deps.counters.count('webhook_attempts', [type, 'superseded']);
      deps.logger.info(log, 'webhook not delivered: the job has finished since this event');
      return 'superseded';
    }
    const outcome = await deliverWebhook({ url, id: eventId, body, secret: deps.secret, agent: deps.agent });
    deps.counters.count('webhook_attempts', [type, outcome.kind === 'retry' ? 'failed' : outcome.kind]);
    switch (outcome.kind) {
      case 'delivered':
        deps.logger.info({ ...log, status: outcome.status }, 'webhook delivered');
        return 'delivered';
      case 'gone':
        deps.logger.warn(log, 'webhook receiver answered 410 Gone; not retrying');
        return 'gone';
      case 'refused':
        deps.logger.warn({ ...log, reason: outcome.reason }, 'webhook refused by the egress guard');
        throw new UnrecoverableError(outcome.reason);
      case 'retry':
        deps.logger.warn({ ...log, status: outcome.status, reason: outcome.reason }, 'webhook attempt failed; will retry');
        throw new WebhookRetryError(outcome.reason, outcome.retryAfterMs);
    }
  };
}

function isTerminalEvent(type: string): boolean {
  return type !== 'video.in_progress';
}

async function isFinished(store: Pick<JobStore, 'get'>, jobId: string): Promise<boolean> {
  const current = await store.get(jobId);
  return current !== undefined && isTerminal(current.status);
}

/** BullMQ backoffStrategy: the Standard Webhooks schedule, stretched to honour Retry-After. */
export function webhookBackoff(attemptsMade: number, _type?: string, error?: Error): number {
  const scheduled = webhookRetryDelayMs(attemptsMade);
  const retryAfter = error instanceof WebhookRetryError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(scheduled, retryAfter);
}
