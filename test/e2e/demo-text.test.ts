import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chatFakes, textFakeBaseUrlVariable, textFakePortVariable } from '../fakes/chat/chat-fakes';
import { fakePortVariable, videoFakes } from '../fakes/video-fakes';
import { freePort, startScript, waitFor, waitForHttp, type StartedProcess } from '../support/processes';
import { freshRedisUrl } from '../support/redis';
import { demoFakeEnv, reelayEnv } from '../support/reelay-env';

/**
 * The demo as a user runs it without keys (`pnpm start:fakes` and the api on
 * infra/config/demo.yaml, as docker compose does): every text model of the demo answers.
 */
const MASTER_KEY = 'sk-reelay-demo-text-key';
const FAKE_KEY = 'sk-fake-demo-key';
let fakes: StartedProcess;
let api: StartedProcess;
let client: OpenAI;

beforeAll(async () => {
  const fakeEnv: Record<string, string> = { FAKE_API_KEY: FAKE_KEY };
  const baseUrls: Record<string, string> = {};
  for (const provider of Object.keys(videoFakes)) fakeEnv[fakePortVariable(provider)] = String(await freePort());
  for (const [provider, fake] of Object.entries(chatFakes)) {
    const port = await freePort();
    fakeEnv[textFakePortVariable(provider)] = String(port);
    baseUrls[`text:${provider}`] = `http://127.0.0.1:${port}${fake.apiBasePath}`;
  }
  fakes = startScript('start:fakes', fakeEnv);
  const port = await freePort();
  // Shares db 15 with the other text e2e files: e2e files run one at a time, each flushing first.
  const env = { ...reelayEnv({ configPath: 'infra/config/demo.yaml', redisUrl: await freshRedisUrl(15), port, masterKey: MASTER_KEY, s3: inject('s3') }), ...demoFakeEnv(FAKE_KEY, baseUrls) };
  api = startScript('start:api', env);
  await waitForHttp(`http://127.0.0.1:${port}/health/readiness`, api);
  // The fakes print one line each once listening; the last one is the Anthropic text fake.
  await waitFor(() => (/fake anthropic text listening/.test(fakes.output()) ? true : undefined), { timeoutMs: 20_000, describe: () => `the fakes did not start:\n${fakes.output()}` });
  client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
  expect(Object.keys(baseUrls).map((key) => textFakeBaseUrlVariable(key.slice(5))).every((name) => env[name])).toBe(true);
});
afterAll(async () => {
  await Promise.all([api?.stop(), fakes?.stop()]);
});

describe('the demo serves text with no keys', () => {
  it.each(['gpt-5-mini', 'grok-4-1-fast-reasoning', 'sonar', 'qwen3-max', 'doubao-seed-1-6', 'openrouter-gpt-5-mini', 'deepseek-v4-flash', 'gemini-2.5-flash-lite', 'claude-sonnet-4-5', 'chat'])('%s answers, streamed too', async (model) => {
    const answer = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] });
    expect(answer.choices[0]!.message.content).toMatch(/Hello/);
    let text = '';
    for await (const chunk of await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }], stream: true })) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toMatch(/Hello/);
  });
});
