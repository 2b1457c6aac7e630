import { randomBytes } from 'node:crypto';
import { chatFakes, textFakeBaseUrlVariable } from '../fakes/chat/chat-fakes';
import { fakeBaseUrlVariable, videoFakes } from '../fakes/video-fakes';
import type { S3ServerInfo } from './s3-server';

export interface ReelayEnvInput {
  configPath: string;
  redisUrl: string;
  port: number;
  masterKey: string;
  s3: S3ServerInfo;
  logLevel?: string;
}

/**
 * The environment of DESIGN.md "Running it" for an api and its workers on loopback, as a
 * user sets it. Pure (no vitest), so benchmarks build the same env as the tests;
 * docker-compose.yml sets the same names (test/integration/compose.test.ts).
 */
export function reelayEnv(input: ReelayEnvInput): Record<string, string> {
  return {
    REELAY_CONFIG: input.configPath,
    REDIS_URL: input.redisUrl,
    PORT: String(input.port),
    HOST: '127.0.0.1',
    REELAY_MASTER_KEY: input.masterKey,
    S3_ENDPOINT: input.s3.endpoint,
    S3_REGION: input.s3.region,
    S3_BUCKET: input.s3.bucket,
    S3_ACCESS_KEY_ID: input.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: input.s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
    WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
    // Webhook receivers and fakes in tests live on loopback.
    WEBHOOK_ALLOW_PRIVATE: 'true',
    LOG_LEVEL: input.logLevel ?? 'warn',
  };
}

/** An address nothing listens on, for fake base URLs a run never calls. */
const UNUSED_BASE_URL = 'http://127.0.0.1:9/unused';

/** The `FAKE_*_BASE_URL` variables infra/config/demo.yaml reads, one per fake of test/fakes/video-fakes.ts and test/fakes/chat/chat-fakes.ts (keyed `text:<provider>`). */
export function demoFakeEnv(apiKey: string, baseUrls: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = { FAKE_API_KEY: apiKey };
  for (const provider of Object.keys(videoFakes)) env[fakeBaseUrlVariable(provider)] = baseUrls[provider] ?? UNUSED_BASE_URL;
  for (const provider of Object.keys(chatFakes)) env[textFakeBaseUrlVariable(provider)] = baseUrls[`text:${provider}`] ?? UNUSED_BASE_URL;
  return env;
}
