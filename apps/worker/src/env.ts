import { z } from 'zod';
import { parseProcessEnv, sharedEnvShape } from '@reelay/registry';
import { isValidWebhookSecret } from '@reelay/webhooks';

/** Every variable the worker reads, validated once at start. */
export const workerEnvSchema = z.object({
  ...sharedEnvShape,
  /** Standard Webhooks secret, `whsec_` + base64. */
  WEBHOOK_SECRET: z.string().refine(isValidWebhookSecret, {
    message: `must be whsec_ followed by 24 to 64 random bytes in standard base64; generate one with: node -e "console.log('whsec_'+crypto.randomBytes(32).toString('base64'))"`,
  }),
  /** How long an in-flight lease lives without renewal; status calls renew it, so a lost job's slot comes back after this. */
  REELAY_LEASE_SECONDS: z.coerce.number().min(5).max(24 * 3600).default(300),
  /** BullMQ jobs (submits, uploads, webhook deliveries) one worker process runs at once per queue. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** Port of the worker's health endpoint (GET /health/liveliness, /health/readiness); unset: none. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Address the health endpoint listens on (the api's HOST too). */
  HOST: z.string().min(1).default('0.0.0.0'),
  /**
   * The most a finished video's failing upload (S3 down, the download cut) is retried, from its
   * first failure; unset: until the provider's copy expires (24 h for Wan and Seedance).
   */
  REELAY_STORE_RETRY_SECONDS: z.coerce.number().positive().max(30 * 24 * 3600).optional(),
  /** Status calls one worker process keeps in flight per provider; a task between calls holds none. */
  WORKER_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(100),
});
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function parseWorkerEnv(source: Record<string, string | undefined>): WorkerEnv {
  return parseProcessEnv(workerEnvSchema, source);
}
