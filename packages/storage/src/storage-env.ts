import type { StorageConfig } from './object-storage';

/** The validated S3_* variables (their schema lives with the other env fields in @reelay/registry). */
export interface StorageEnv {
  S3_ENDPOINT?: string;
  S3_PUBLIC_ENDPOINT?: string;
  S3_REGION: string;
  S3_BUCKET: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
  S3_FORCE_PATH_STYLE: boolean;
}

/** `forPresigning` uses the public endpoint, so presigned URLs work where clients are. */
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
