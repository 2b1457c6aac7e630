import { FAKE_KEY, MASTER_KEY } from './gateway';
import { freePort, startScript, waitForHttp, type StartedProcess } from './processes';
import { demoFakeEnv, reelayEnv } from './reelay-env';
import type { S3ServerInfo } from './s3-server';

export interface DemoStack {
  baseUrl: string;
  api: StartedProcess;
  worker: StartedProcess;
  stop(): Promise<void>;
}

/**
 * One api and one worker on infra/config/demo.yaml, as the README starts them, against the
 * Redis and S3 a test brings (an outage test brings ones it can stop) and the OpenAI fake.
 */
export async function startDemoStack(options: { redisUrl: string; s3: S3ServerInfo; openaiBaseUrl: string }): Promise<DemoStack> {
  const port = await freePort();
  const env = {
    ...reelayEnv({ configPath: 'infra/config/demo.yaml', redisUrl: options.redisUrl, port, masterKey: MASTER_KEY, s3: options.s3 }),
    ...demoFakeEnv(FAKE_KEY, { openai: options.openaiBaseUrl }),
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = startScript('start:api', env);
  const worker = startScript('start:worker', env);
  await waitForHttp(`${baseUrl}/health/readiness`, api);
  return {
    baseUrl,
    api,
    worker,
    async stop() {
      await Promise.all([api.stop(), worker.stop()]);
    },
  };
}
