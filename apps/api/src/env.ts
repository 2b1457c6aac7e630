import { z } from 'zod';
import { envBoolean, parseProcessEnv, sharedEnvShape } from '@reelay/registry';

/** Every variable the API reads, validated once at start. */
export const apiEnvSchema = z.object({
  ...sharedEnvShape,
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  /** Interface to listen on; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Bearer key clients send; overrides general_settings.master_key. */
  REELAY_MASTER_KEY: z.string().min(8, { message: 'must be at least 8 characters' }).optional(),
  /** Public base URL used in `Location` headers, e.g. https://reelay.example.com. Default: from the request. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** How long reasoning state of tool-calling turns is kept for clients that drop it (Gemini signatures, Claude thinking, reasoning_content). */
  /** GET /health answers from the last probe round while it is younger than this; one round at a time across api processes. */
  REELAY_HEALTH_CACHE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  REELAY_REASONING_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(86_400),
  /** Lets the queue dashboard (/admin/queues) retry, promote, clean and remove jobs and pause queues. Default false: read-only. */
  REELAY_ADMIN_WRITE: envBoolean.default(false),
});
export type ApiEnv = z.infer<typeof apiEnvSchema>;

export function parseApiEnv(source: Record<string, string | undefined>): ApiEnv {
  return parseProcessEnv(apiEnvSchema, source);
}
