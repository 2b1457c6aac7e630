import { z } from 'zod';
import { envBoolean, storageEnvShape } from '@reelay/storage';
import { formatEnvError } from './http/format-env-error';

/** Every variable the API reads, validated once at start. */
export const apiEnvSchema = z.object({
  /** Path of the LiteLLM-compatible config.yaml. */
  REELAY_CONFIG: z.string().min(1).default('config.yaml'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, { message: 'must look like redis://host:6379' }).default('redis://127.0.0.1:6379'),
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  /** Interface to listen on; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Bearer key clients send; overrides general_settings.master_key. */
  REELAY_MASTER_KEY: z.string().min(8, { message: 'must be at least 8 characters' }).optional(),
  /** Allow callback_url on loopback/private addresses (local development and tests only). */
  WEBHOOK_ALLOW_PRIVATE: envBoolean.default(false),
  /** Prefix of reelay's own Redis keys (job records, idempotency keys). */
  REELAY_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('reelay'),
  /** Public base URL used in `Location` headers, e.g. https://reelay.example.com. Default: from the request. */
  PUBLIC_BASE_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  ...storageEnvShape,
});
export type ApiEnv = z.infer<typeof apiEnvSchema>;

export function parseApiEnv(source: Record<string, string | undefined>): ApiEnv {
  const result = apiEnvSchema.safeParse(source);
  if (!result.success) throw new Error(formatEnvError(result.error));
  return result.data;
}
