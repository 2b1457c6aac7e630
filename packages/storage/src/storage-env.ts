import { z } from 'zod';
import type { StorageConfig } from './object-storage';

/** Only `true`/`1`/`false`/`0`: z.coerce.boolean would read "false" as true. */
const envBoolean = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true, false, 1 or 0' })
  .transform((value) => value === 'true' || value === '1');

/** The S3_* variables, shared by the api (reads, presigns) and the worker (uploads). */
export const storageEnvShape = {
  /** S3-compatible endpoint, e.g. http://minio:9000. Unset for AWS S3. */
  S3_ENDPOINT: z.url({ message: 'must be a URL such as http://127.0.0.1:9000' }).optional(),
  /** Endpoint used in presigned output URLs when clients reach S3 by another address (compose: http://localhost:9000). */
  S3_PUBLIC_ENDPOINT: z.url({ message: 'must be a URL such as http://localhost:9000' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3, { message: 'must name the bucket videos are stored in' }),
  S3_ACCESS_KEY_ID: z.string().min(1, { message: 'is required' }),
  S3_SECRET_ACCESS_KEY: z.string().min(1, { message: 'is required' }),
  /** Path-style URLs; needed by MinIO and most self-hosted servers. */
  S3_FORCE_PATH_STYLE: envBoolean.default(true),
  /** Lifetime of presigned output URLs in seconds (SigV4 allows at most 7 days). */
  S3_PRESIGN_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3600),
};

export type StorageEnv = z.infer<z.ZodObject<typeof storageEnvShape>>;

export function storageConfigFromEnv(env: StorageEnv, options: { forPresigning?: boolean } = {}): StorageConfig {
  return {
    endpoint: options.forPresigning ? (env.S3_PUBLIC_ENDPOINT ?? env.S3_ENDPOINT) : env.S3_ENDPOINT,
    region: env.S3_REGION,
    bucket: env.S3_BUCKET,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  };
}

export { envBoolean };
