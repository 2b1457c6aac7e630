import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT, freePort, startScript, waitForHttp, type StartedProcess } from '../support/processes';
import { freshRedisUrl } from '../support/redis';
import { reelayEnv } from '../support/reelay-env';

/**
 * Issue 8: one prefix serves video and chat (`openai/sora-2` and `openai/gpt-4-turbo`,
 * `volcengine/` Seedance and Doubao, `dashscope/` Wan and Qwen). With the real example config,
 * the api tells them apart: model info shows each deployment's mode, and a video request for a
 * chat model is a 400 that names the video models, not a job sent to a video endpoint.
 * Only the api runs: nothing here reaches a vendor.
 */
const EXAMPLE = 'infra/config/reelay.example.yaml';
const MASTER_KEY = 'sk-reelay-modes-key';
let api: StartedProcess;
let baseUrl: string;

beforeAll(async () => {
  const keys = [...readFileSync(`${REPO_ROOT}${EXAMPLE}`, 'utf8').matchAll(/os\.environ\/([A-Z0-9_]+)/g)].map((m) => m[1]!);
  const port = await freePort();
  // Shares db 11 with model-info.test.ts: e2e files run one at a time and each flushes its db first.
  const dummies = Object.fromEntries(keys.map((k) => [k, `dummy-${k}`]));
  const env = { ...dummies, ...reelayEnv({ configPath: EXAMPLE, redisUrl: await freshRedisUrl(11), port, masterKey: MASTER_KEY, s3: inject('s3') }) };
  baseUrl = `http://127.0.0.1:${port}`;
  api = startScript('start:api', env);
  await waitForHttp(`${baseUrl}/health/readiness`, api);
});
afterAll(async () => {
  await api?.stop();
});

const call = (path: string, json?: unknown) =>
  fetch(`${baseUrl}${path}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });

describe('deployment modes with infra/config/reelay.example.yaml', () => {
  it('model info shows video_generation or chat per deployment, by model id, not by prefix', async () => {
    const { data } = (await (await call('/v1/model/info')).json()) as { data: Array<{ model_name: string; model_info: { mode: string } }> };
    const modeOf = (name: string) => data.find((d) => d.model_name === name)?.model_info.mode;
    expect(modeOf('sora-2')).toBe('video_generation');
    expect(modeOf('gpt-4')).toBe('chat');
    expect(modeOf('gpt-5.2')).toBe('chat');
    expect(modeOf('doubao-seedance-1-5-pro-251215')).toBe('video_generation');
    expect(modeOf('doubao-pro-32k')).toBe('chat');
    expect(modeOf('wan2.6-t2v')).toBe('video_generation');
    expect(modeOf('qwen3-max')).toBe('chat');
  });

  it.each(['gpt-4', 'doubao-pro-32k', 'qwen3-max'])('a video request for the chat model %s is a 400 model_not_video naming the video models', async (model) => {
    const response = await call('/v1/video/generations', { model, prompt: 'a kite' });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; param: string; message: string } };
    expect(error).toMatchObject({ code: 'model_not_video', param: 'model' });
    expect(error.message).toContain(`"${model}" cannot generate video: its mode is chat, not video_generation`);
    expect(error.message).toContain('set model_info.mode: video_generation');
    expect(error.message).toMatch(/Video models you can use: .*sora-2.*wan2\.6-t2v/);
  });

  it('GET /v1/models lists the groups reelay can serve: video and text, Claude on Vertex included', async () => {
    const { data } = (await (await call('/v1/models')).json()) as { data: Array<{ id: string; object: string }> };
    const ids = data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['sora-2', 'veo-3.1-generate-preview', 'wan2.6-t2v', 'doubao-seedance-1-5-pro-251215', 'gpt-4', 'qwen3-max', 'claude-3-sonnet', 'sonar', 'claude-sonnet-4-5']));
    expect(data.every((m) => m.object === 'model')).toBe(true);
  });
});
