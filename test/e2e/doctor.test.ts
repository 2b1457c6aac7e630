import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatFake } from '../fakes/chat/chat-fake';
import { chatFakes } from '../fakes/chat/chat-fakes';
import type { VideoFake } from '../fakes/video-fake';
import { videoFakes } from '../fakes/video-fakes';
import { REPO_ROOT } from '../support/processes';

/**
 * `reelay doctor` as an operator runs it, on the users' model list pointed at the fakes with
 * the mistakes of their connectivity scan made on purpose (seo-app-required-models.md): a
 * wrong key, a key of another region, a retired model, an unknown model id, an unset
 * variable, a group the app needs that the config lacks. Each row must name the cause.
 */
const FAKE_KEY = 'sk-doctor-fake-key';
const run = promisify(execFile);

let fakes: Record<string, ChatFake>;
let veo: VideoFake;
let configPath: string;

interface Row {
  group: string;
  deployment: string;
  result: string;
  cause: string;
  fix: string;
  vendorSaid?: string;
}

beforeAll(async () => {
  fakes = {};
  for (const provider of ['xai', 'anthropic', 'dashscope', 'gemini', 'perplexity', 'volcengine', 'openai']) fakes[provider] = await chatFakes[provider]!.start({ apiKey: FAKE_KEY });
  veo = await videoFakes.gemini!.start({ apiKey: FAKE_KEY });
  const entry = (name: string, id: string, model: string, apiBase: string, keyVar: string) => `  - model_name: ${name}
    litellm_params: { model: ${model}, api_base: ${apiBase}, api_key: os.environ/${keyVar} }
    model_info: { id: ${id} }`;
  const config = [
    'model_list:',
    entry('grok-4-1-fast-reasoning', 'grok-wrong-key', 'xai/grok-4-1-fast-reasoning', fakes.xai!.apiBase, 'WRONG_KEY'),
    entry('claude-3-sonnet', 'claude-retired', 'anthropic/claude-3-sonnet-20240229', fakes.anthropic!.apiBase, 'FAKE_KEY'),
    entry('qwen-max', 'qwen-other-region', 'dashscope/qwen-max', fakes.dashscope!.apiBase, 'WRONG_KEY'),
    entry('gemini-2.5-flash-lite', 'gemini-ok', 'gemini/gemini-2.5-flash-lite', fakes.gemini!.apiBase, 'FAKE_KEY'),
    entry('sonar', 'sonar-ok', 'perplexity/sonar', fakes.perplexity!.apiBase, 'FAKE_KEY'),
    entry('doubao-pro-32k', 'doubao-unknown-id', 'volcengine/missing-doubao-pro-32k', fakes.volcengine!.apiBase, 'FAKE_KEY'),
    entry('gpt-5.2', 'gpt-unset-key', 'openai/gpt-5.2', fakes.openai!.apiBase, 'OPENAI_KEY_NOT_SET'),
    entry('veo-3.1', 'veo-ok', 'gemini/veo-3.1-generate-preview', veo.apiBase, 'FAKE_KEY'),
  ].join('\n');
  configPath = join(mkdtempSync(join(tmpdir(), 'reelay-doctor-')), 'config.yaml');
  writeFileSync(configPath, `${config}\n`);
});
afterAll(async () => {
  await Promise.all([...Object.values(fakes ?? {}).map((fake) => fake.close()), veo?.close()]);
});

async function doctor(...args: string[]): Promise<{ status: number; stdout: string }> {
  const env = { PATH: process.env.PATH ?? '', FAKE_KEY, WRONG_KEY: 'sk-not-the-right-key-1234' };
  try {
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'apps/cli/dist/main.js'), 'doctor', '--config', configPath, ...args], { env, timeout: 60_000 });
    return { status: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    if (typeof failed.code !== 'number') throw error;
    return { status: failed.code, stdout: failed.stdout ?? '' };
  }
}

describe('reelay doctor --live on the users model list, pointed at the fakes', () => {
  let rows: Row[];
  let status: number;

  beforeAll(async () => {
    const result = await doctor('--live', '--json', '--expect', 'qwen-turbo,sonar,claude-3-sonnet');
    status = result.status;
    rows = (JSON.parse(result.stdout) as { findings: Row[] }).findings;
  });
  const row = (deployment: string, result?: string) => rows.find((r) => r.deployment === deployment && (result === undefined || r.result === result));

  it('exits 1, since not every row is ok', () => {
    expect(status).toBe(1);
  });

  it('the wrong key is auth, naming the variable to fix', () => {
    expect(row('grok-wrong-key')).toMatchObject({ result: 'auth', cause: expect.stringContaining('WRONG_KEY') });
    expect(row('grok-wrong-key')!.vendorSaid).toMatch(/Incorrect API key/);
  });

  it("DashScope's refused key points at the key's region", () => {
    expect(row('qwen-other-region')).toMatchObject({ result: 'wrong_region', fix: expect.stringContaining('region') });
  });

  it('the retired Claude model is retired with its replacement, before any call and from the probe', () => {
    const retired = row('claude-retired', 'retired')!;
    expect(`${retired.cause} ${retired.fix}`).toContain('claude-sonnet-4-5-20250929');
    expect(rows.filter((r) => r.deployment === 'claude-retired').map((r) => r.result)).toEqual(['retired', 'retired']);
  });

  it('an id the vendor does not know is model_not_found, with the fix for Ark ids', () => {
    expect(row('doubao-unknown-id')).toMatchObject({ result: 'model_not_found', fix: expect.stringContaining('ep-') });
  });

  it('an unset variable is named, and its deployment is not probed', () => {
    expect(rows.find((r) => r.result === 'missing_env' && r.cause.includes('OPENAI_KEY_NOT_SET'))).toBeDefined();
    expect(row('gpt-unset-key')).toMatchObject({ result: 'missing_env' });
    expect(fakes.openai!.stats().requests).toBe(0);
  });

  it('a group the app needs and the config lacks is a row; groups it has are not', () => {
    expect(rows.find((r) => r.group === 'qwen-turbo')).toMatchObject({ result: 'model_not_found', cause: expect.stringContaining('model_list') });
    expect(rows.find((r) => r.group === 'sonar' && r.result === 'model_not_found')).toBeUndefined();
  });

  it('the working deployments, text and video, are ok, each probed once', () => {
    expect(row('gemini-ok')!.result).toBe('ok');
    expect(row('sonar-ok')!.result).toBe('ok');
    expect(row('veo-ok')!.result).toBe('ok');
    expect(fakes.gemini!.stats().requests).toBe(1);
    expect(veo.stats().creates).toBe(0);
  });
});

describe('reelay doctor for a person', () => {
  it('without --live checks the config alone: no vendor is called', async () => {
    const before = fakes.anthropic!.stats().requests;
    const { status, stdout } = await doctor();
    expect(status).toBe(1);
    expect(stdout).toMatch(/claude-3-sonnet\s+claude-retired\s+anthropic\s+retired/);
    expect(stdout).toContain('OPENAI_KEY_NOT_SET is not set');
    expect(fakes.anthropic!.stats().requests).toBe(before);
  });

  it('--live prints a table with the cause and the fix under each row that is not ok', async () => {
    const { stdout } = await doctor('--live');
    expect(stdout).toMatch(/^MODEL GROUP\s+DEPLOYMENT\s+PROVIDER\s+RESULT/);
    expect(stdout).toMatch(/grok-4-1-fast-reasoning\s+grok-wrong-key\s+xai\s+auth\n\s+cause: .*WRONG_KEY.*\n\s+fix: /);
    expect(stdout).toMatch(/rows need attention/);
  });

  it('a usage mistake is exit status 2 with the usage', async () => {
    const { status } = await doctor('--concurrency', 'lots');
    expect(status).toBe(2);
  });
});
