import { inject } from 'vitest';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import type { VideoFake } from '../fakes/video-fake';
import { videoFakes } from '../fakes/video-fakes';
import { freePort, startScript, waitForHttp, type StartedProcess } from './processes';
import { freshRedisUrl } from './redis';
import { demoFakeEnv, reelayEnv } from './reelay-env';

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
  /** SIGKILLs every worker started so far, as a crash of all of them. */
  killWorkers(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The environment of DESIGN.md "Running it", as a user sets it, pointing at real Redis,
 * the s3rver started by the global setup, and the fake upstream. docker-compose.yml
 * sets the same variables (checked by test/integration/compose.test.ts).
 */
export async function gatewayEnv(redisDb: number, fakeBaseUrl: string, port: number, otherFakes: Record<string, VideoFake> = {}): Promise<Record<string, string>> {
  return {
    ...reelayEnv({ configPath: 'infra/config/demo.yaml', redisUrl: await freshRedisUrl(redisDb), port, masterKey: MASTER_KEY, s3: inject('s3') }),
    // The worker's health endpoint (one worker at a time per gateway; a replacement reuses it).
    WORKER_HEALTH_PORT: String(await freePort()),
    ...demoFakeEnv(FAKE_KEY, { ...Object.fromEntries(Object.entries(otherFakes).map(([provider, fake]) => [provider, fake.apiBase])), openai: fakeBaseUrl }),
  };
}

export async function startGateway(options: { redisDb: number; completeAfterMs?: number; pollAfterMs?: number }): Promise<Gateway> {
  const completeAfterMs = options.completeAfterMs ?? 2000;
  const fake = await startFakeOpenAIVideos({ apiKey: FAKE_KEY, completeAfterMs, pollAfterMs: options.pollAfterMs });
  const fakes: Record<string, VideoFake> = {};
  for (const [provider, { start }] of Object.entries(videoFakes)) {
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
    async killWorkers() {
      await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
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
