import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { ChatFake } from '../fakes/chat/chat-fake';
import { chatFakes } from '../fakes/chat/chat-fakes';
import { freePort, startScript, waitForHttp, type StartedProcess } from './processes';
import { freshRedisUrl } from './redis';
import { reelayEnv } from './reelay-env';

export const TEXT_MASTER_KEY = 'sk-reelay-text-e2e-key';
export const TEXT_FAKE_KEY = 'sk-fake-text-upstream-key';
/**
 * Every text e2e file uses this database, one file at a time (the e2e project runs files in
 * turn). TEXT_E2E_REDIS_DB moves it, so two people (or helpers) can run text files side by side.
 */
const TEXT_REDIS_DB = Number(process.env.TEXT_E2E_REDIS_DB ?? 15);

export interface TextGateway {
  /** The first api process. */
  baseUrl: string;
  /** Every api process started (two for the limits test). */
  baseUrls: string[];
  fakes: Record<string, ChatFake>;
  apis: StartedProcess[];
  configPath: string;
  stop(): Promise<void>;
}

/**
 * The built api (no worker: text needs none) with a config that has one group per text
 * vendor, each pointing at its fake, plus whatever `extraModels` a test adds. The YAML is
 * written as a user writes it, keys through os.environ/.
 */
export interface TextGatewayOptions {
  /** api processes sharing one Redis. Default 1. */
  apis?: number;
  /** More `model_list` entries (YAML, indented as list items). */
  extraModels?: (fakes: Record<string, ChatFake>) => string;
  routerSettings?: string;
  litellmSettings?: string;
  /** The whole config instead of the generated one. */
  config?: (fakes: Record<string, ChatFake>) => string;
  /** A Redis of the test's own (one it can kill); default the shared test Redis, db 15. */
  redisUrl?: string;
  /** More environment of the api processes (variables a test's `os.environ/` values name). */
  env?: Record<string, string>;
}

export async function startTextGateway(options: TextGatewayOptions = {}): Promise<TextGateway> {
  const fakes: Record<string, ChatFake> = {};
  for (const [provider, { start }] of Object.entries(chatFakes)) fakes[provider] = await start({ apiKey: TEXT_FAKE_KEY });
  // Per vendor: the group tests use, one whose key the vendor refuses (auth errors), and one
  // for 429s (a 429 cools its deployment down, which must not touch the others' tests).
  const variants = [
    ['chat', 'TEXT_FAKE_KEY'],
    ['wrong-key', 'WRONG_KEY'],
    ['busy', 'TEXT_FAKE_KEY'],
  ] as const;
  const groups = variants
    .flatMap(([suffix, keyVar]) =>
      Object.entries(fakes).map(
        ([provider, fake]) => `  - model_name: ${provider}-${suffix}
    litellm_params: { model: ${provider}/${fake.model}, api_base: ${fake.apiBase}, api_key: os.environ/${keyVar} }
    model_info: { id: ${provider}-${suffix === 'chat' ? 'fake' : `${suffix}-fake`} }`,
      ),
    )
    .join('\n');
  const yaml = `model_list:\n${groups}\n${options.extraModels?.(fakes) ?? ''}\n${options.routerSettings ? `router_settings:\n${options.routerSettings}\n` : ''}${options.litellmSettings ? `litellm_settings:\n${options.litellmSettings}\n` : ''}`;
  const configPath = join(mkdtempSync(join(tmpdir(), 'reelay-text-')), 'config.yaml');
  writeFileSync(configPath, options.config?.(fakes) ?? yaml);

  const redisUrl = options.redisUrl ?? (await freshRedisUrl(TEXT_REDIS_DB));
  const apis: StartedProcess[] = [];
  const baseUrls: string[] = [];
  for (let index = 0; index < (options.apis ?? 1); index++) {
    const port = await freePort();
    const env = { ...reelayEnv({ configPath, redisUrl, port, masterKey: TEXT_MASTER_KEY, s3: inject('s3') }), TEXT_FAKE_KEY, WRONG_KEY: 'sk-not-the-right-key-9876', ...options.env };
    const api = startScript('start:api', env);
    apis.push(api);
    baseUrls.push(`http://127.0.0.1:${port}`);
    await waitForHttp(`http://127.0.0.1:${port}/health/readiness`, api);
  }
  return {
    baseUrl: baseUrls[0]!,
    baseUrls,
    fakes,
    apis,
    configPath,
    async stop() {
      await Promise.all(apis.map((api) => api.stop()));
      await Promise.all(Object.values(fakes).map((fake) => fake.close()));
    },
  };
}
