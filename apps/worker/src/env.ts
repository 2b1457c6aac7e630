import { z } from 'zod';
import { envBoolean, storageEnvShape } from '@reelay/storage';
import { formatEnvError } from './format-env-error';

/** Every variable the worker reads, validated once at start. */
export const workerEnvSchema = z.object({
  /** Path of the LiteLLM-compatible config.yaml. */
  REELAY_CONFIG: z.string().min(1).default('config.yaml'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, { message: 'must look like redis://host:6379' }).default('redis://127.0.0.1:6379'),
  /** Standard Webhooks secret, `whsec_` + base64. */
  WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, { message: 'must look like whsec_<base64>; generate one with: node -e "console.log(\'whsec_\'+crypto.randomBytes(32).toString(\'base64\'))"' }),
  /** Allow webhook delivery to loopback/private addresses (local development and tests only). */
  WEBHOOK_ALLOW_PRIVATE: envBoolean.default(false),
  /** Jobs one worker process runs at once per queue; a polling job holds no slot while it waits. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** Prefix of reelay's own Redis keys (job records, idempotency keys). */
  REELAY_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('reelay'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  ...storageEnvShape,
});
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function parseWorkerEnv(source: Record<string, string | undefined>): WorkerEnv {
  const result = workerEnvSchema.safeParse(source);
  if (!result.success) throw new Error(formatEnvError(result.error));
  return result.data;
}
