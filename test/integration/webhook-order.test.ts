import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedAgent } from '@reelay/egress';
import { CounterBuffer, CounterStore, JobStore, newJobId, newJobRecord, type WebhookJobPayload } from '@reelay/jobs';
import { generateWebhookSecret } from '@reelay/webhooks';
import { createWebhookDeliveryProcessor } from '../../apps/worker/src/notify/webhook-delivery';
import { freshRedisUrl } from '../support/redis';
import { startWebhookReceiver } from '../support/webhook-receiver';

/**
 * Issue 9 §5: after a receiver outage the retries of a job's events race, and 7 of 20 jobs got
 * video.in_progress after video.completed. A non-terminal event is not delivered once its job
 * is terminal; terminal events always are.
 */
let redis: Redis;
let store: JobStore;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let deliver: ReturnType<typeof createWebhookDeliveryProcessor>;
let counters: CounterBuffer;
const agent = createGuardedAgent({ allowPrivate: true });

beforeAll(async () => {
  // Integration files run in parallel, each on a db of its own (14 is shared with a benchmark only).
  redis = new Redis(await freshRedisUrl(14));
  store = new JobStore(redis, { prefix: 'whorder' });
  receiver = await startWebhookReceiver();
  counters = new CounterBuffer(new CounterStore(redis, { prefix: 'whorder' }));
  deliver = createWebhookDeliveryProcessor({ secret: generateWebhookSecret(), agent, logger: pino({ level: 'silent' }), counters, store });
});
afterAll(async () => {
  await receiver?.close();
  await agent.close();
  redis?.disconnect();
});

async function jobIn(status: 'in_progress' | 'completed') {
  const record = newJobRecord({ id: newJobId(), owner: 'o', model: 'sora-2', provider: 'openai', request: { prompt: 'p' }, callbackUrl: receiver.url('/hook'), metadata: null, warnings: [], now: Date.now() });
  await store.create(record);
  await store.update(record.id, {}, 'in_progress');
  if (status === 'completed') await store.update(record.id, {}, 'completed');
  return record.id;
}

const attempt = (jobId: string, type: string) =>
  deliver({ data: { eventId: `${jobId}-${type.replace('.', '_')}`, jobId, type, url: receiver.url('/hook'), body: JSON.stringify({ type }) } satisfies WebhookJobPayload, attemptsMade: 1 } as Job<WebhookJobPayload>);

describe('webhook events after a job has finished', () => {
  it('a late video.in_progress is not delivered once the job is terminal; video.completed is', async () => {
    const finished = await jobIn('completed');
    expect(await attempt(finished, 'video.in_progress')).toBe('superseded');
    expect(await attempt(finished, 'video.completed')).toBe('delivered');
    expect(receiver.received.filter((r) => r.headers['webhook-id']?.toString().startsWith(finished)).map((r) => JSON.parse(r.rawBody).type)).toEqual(['video.completed']);
  });

  it('a running job still gets its video.in_progress', async () => {
    const running = await jobIn('in_progress');
    expect(await attempt(running, 'video.in_progress')).toBe('delivered');
  });
});
