import { z } from 'zod';

/** Only `true`/`1`/`false`/`0`: z.coerce.boolean would read "false" as true. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true, false, 1 or 0' })
  .transform((value) => value === 'true' || value === '1');

/**
 * Variables both processes read (DESIGN.md "Running it"). Each app extends this with its
 * own, so a variable is described and validated in one place.
 */
export const sharedEnvShape = {
  /** Path of the LiteLLM-compatible config.yaml. */
  REELAY_CONFIG: z.string().min(1).default('config.yaml'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, { message: 'must look like redis://host:6379' }).default('redis://127.0.0.1:6379'),
  /** Prefix of reelay's own Redis keys (job records, idempotency keys). */
  REELAY_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, { message: 'may hold only letters, digits, _ and -' }).default('reelay'),
  /** Allow callback URLs on loopback/private addresses (local development and tests only). */
  WEBHOOK_ALLOW_PRIVATE: envBoolean.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /** S3-compatible endpoint, e.g. http://minio:9000. Unset for AWS S3. */
  S3_ENDPOINT: z.url({ message: 'must be a URL such as http://127.0.0.1:9000' }).optional(),
  /** Endpoint used in presigned output URLs when clients reach S3 by another address (compose: http://localhost:9000). */
  S3_PUBLIC_ENDPOINT: z.url({ message: 'must be a URL such as http://localhost:9000' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3, { message: 'must name the bucket videos are stored in (3+ characters)' }),
  S3_ACCESS_KEY_ID: z.string().min(1, { message: 'must not be empty' }),
  S3_SECRET_ACCESS_KEY: z.string().min(1, { message: 'must not be empty' }),
  /** Path-style URLs; needed by MinIO and most self-hosted servers. */
  S3_FORCE_PATH_STYLE: envBoolean.default(true),
  /** Lifetime of presigned output URLs in seconds (SigV4 allows at most 7 days). */
  S3_PRESIGN_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3600),
};

/** One line naming every bad variable: `invalid environment: S3_BUCKET is required but not set; ...`. */
export function formatEnvError(error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required but not set' : issue.message;
    return `${name} ${message}`;
  });
  return `invalid environment: ${problems.join('; ')}`;
}

/** Validates the environment against an app's schema; throws one readable line. */
export function parseProcessEnv<Schema extends z.ZodType>(schema: Schema, source: Record<string, string | undefined>): z.infer<Schema> {
  const result = schema.safeParse(source);
  if (!result.success) throw new Error(formatEnvError(result.error));
  return result.data;
}
