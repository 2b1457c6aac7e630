import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import type { VideoFake } from '../fakes/video-fake';
import { videoFakes } from '../fakes/video-fakes';
import { freePort, startScript, waitForHttp, type StartedProcess } from './processes';
import { freshRedisUrl } from './redis';

export const MASTER_KEY = 'sk-reelay-e2e-master-key';
export const FAKE_KEY = 'sk-fake-upstream-key-1234';

export interface Gateway {
  baseUrl: string;
  env: Record<string, string>;
  /** The OpenAI fake with its full inspection surface. */
  fake: FakeOpenAIVideos;
  /** The other providers' fakes, by provider prefix (gemini, dashscope, volcengine, byteplus). */
  fakes: Record<string, VideoFake>;
  api: StartedProcess;
  worker: StartedProcess;
  /** Starts another worker with the same environment (after a crash). */
  startWorker(): Promise<StartedProcess>;
  stop(): Promise<void>;
}

/**
 * The environment of DESIGN.md "Running it", as a user sets it, pointing at real Redis,
 * the s3rver started by the global setup, and the fake upstream. docker-compose.yml
 * sets the same variables (checked by test/integration/compose.test.ts).
 */
export async function gatewayEnv(redisDb: number, fakeBaseUrl: string, port: number, otherFakes: Record<string, VideoFake> = {}): Promise<Record<string, string>> {
  const s3 = inject('s3');
  return {
    REELAY_CONFIG: 'infra/config/demo.yaml',
    REDIS_URL: await freshRedisUrl(redisDb),
    PORT: String(port),
    HOST: '127.0.0.1',
    REELAY_MASTER_KEY: MASTER_KEY,
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: s3.region,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
    WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
    WEBHOOK_ALLOW_PRIVATE: 'true',
    FAKE_OPENAI_BASE_URL: fakeBaseUrl,
    FAKE_GEMINI_BASE_URL: otherFakes.gemini?.apiBase ?? 'http://127.0.0.1:9/unused',
    FAKE_DASHSCOPE_BASE_URL: otherFakes.dashscope?.apiBase ?? 'http://127.0.0.1:9/unused',
    FAKE_VOLCENGINE_BASE_URL: otherFakes.volcengine?.apiBase ?? 'http://127.0.0.1:9/unused',
    FAKE_BYTEPLUS_BASE_URL: otherFakes.byteplus?.apiBase ?? 'http://127.0.0.1:9/unused',
    FAKE_API_KEY: FAKE_KEY,
    LOG_LEVEL: 'warn',
  };
}

export async function startGateway(options: { redisDb: number; completeAfterMs?: number; pollAfterMs?: number }): Promise<Gateway> {
  const completeAfterMs = options.completeAfterMs ?? 2000;
  const fake = await startFakeOpenAIVideos({ apiKey: FAKE_KEY, completeAfterMs, pollAfterMs: options.pollAfterMs });
  const fakes: Record<string, VideoFake> = {};
  for (const [provider, start] of Object.entries(videoFakes)) {
    if (provider !== 'openai') fakes[provider] = await start({ apiKey: FAKE_KEY, completeAfterMs });
  }
  const port = await freePort();
  const env = await gatewayEnv(options.redisDb, fake.baseUrl, port, fakes);
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = startScript('start:api', env);
  const worker = startScript('start:worker', env);
  await waitForHttp(`${baseUrl}/health/readiness`, api);
  const workers = [worker];
  return {
    baseUrl,
    env,
    fake,
    fakes,
    api,
    worker,
    async startWorker() {
      const next = startScript('start:worker', env);
      workers.push(next);
      return next;
    },
    async stop() {
      await Promise.all([api.stop(), ...workers.map((w) => w.stop())]);
      await Promise.all([fake.close(), ...Object.values(fakes).map((f) => f.close())]);
    },
  };
}

/** fetch with the gateway key; JSON bodies are encoded. */
export function authedFetch(baseUrl: string, path: string, init: { method?: string; json?: unknown; headers?: Record<string, string>; body?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${MASTER_KEY}`, ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  return fetch(`${baseUrl}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
}
