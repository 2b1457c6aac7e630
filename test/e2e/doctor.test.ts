import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
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
  provider?: string;
  result: string;
  cause: string;
  fix: string;
  vendorSaid?: string;
}

beforeAll(async () => {
  fakes = {};
  for (const provider of ['xai', 'anthropic', 'dashscope', 'gemini', 'perplexity', 'volcengine', 'openai', 'openrouter']) fakes[provider] = await chatFakes[provider]!.start({ apiKey: FAKE_KEY });
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
  return doctorOn(configPath, { FAKE_KEY, WRONG_KEY: 'sk-not-the-right-key-1234' }, ...args);
}

async function doctorOn(config: string, vars: Record<string, string>, ...args: string[]): Promise<{ status: number; stdout: string }> {
  const env = { PATH: process.env.PATH ?? '', ...vars };
  try {
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'apps/cli/dist/main.js'), 'doctor', '--config', config, ...args], { env, timeout: 60_000 });
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

describe('reelay doctor --live on the example configs as the users wrote them', () => {
  /** The example (a copy of ../shared/examples/litellm-configs, kept with the registry's tests), unchanged but for api_base: every entry of a vendor with a fake is pointed at it. */
  function pointedAtFakes(name: string): string {
    const config = parse(readFileSync(join(REPO_ROOT, 'packages/registry/src/fixtures', name), 'utf8')) as { model_list: Array<{ litellm_params: Record<string, unknown> & { model: string } }> };
    for (const entry of config.model_list) {
      const prefix = entry.litellm_params.model.includes('/') ? entry.litellm_params.model.split('/')[0]! : 'openai';
      const fake = fakes[prefix];
      if (fake) entry.litellm_params.api_base = fake.apiBase;
    }
    const path = join(mkdtempSync(join(tmpdir(), 'reelay-doctor-example-')), name);
    writeFileSync(path, stringify(config));
    return path;
  }
  const rowsOf = (stdout: string) => (JSON.parse(stdout) as { findings: Row[] }).findings;

  it('seo-app-checklist.yaml: every wrong prefix with its fix, every unset key, and no probe of what cannot work', async () => {
    const { status, stdout } = await doctorOn(pointedAtFakes('seo-app-checklist.yaml'), { GOOGLE_API_KEY: FAKE_KEY }, '--live', '--json');
    const rows = rowsOf(stdout);
    expect(status).toBe(1);
    expect(rows.filter((r) => r.result === 'missing_env').map((r) => r.cause)).toEqual([expect.stringContaining('QWEN_API_KEY'), expect.stringContaining('DOUBAO_API_KEY')]);
    const fixes = rows.filter((r) => r.result === 'config').map((r) => r.fix);
    expect(fixes.filter((fix) => fix.includes('dashscope/'))).toHaveLength(2);
    expect(fixes.filter((fix) => fix.includes('volcengine/'))).toHaveLength(3);
    expect(rows.filter((r) => r.result === 'unsupported')).toHaveLength(6);
    expect(rows.some((r) => r.result === 'ok')).toBe(false);
  });

  it('novel-app-openrouter.yaml with a wrong OpenRouter key: each deployment a row, auth, naming the variable', async () => {
    const { stdout } = await doctorOn(pointedAtFakes('novel-app-openrouter.yaml'), { OPENROUTER_API_KEY: 'sk-or-v1-wrong', LITELLM_MASTER_KEY: 'sk-master-1234' }, '--live', '--json');
    const probed = rowsOf(stdout).filter((r) => r.group !== '(config)');
    expect(probed.map((r) => r.group).sort()).toEqual(['claude-haiku', 'claude-sonnet', 'deepseek', 'gpt-4', 'qwen']);
    for (const row of probed) expect(row).toMatchObject({ result: 'auth', cause: expect.stringContaining('OPENROUTER_API_KEY') });
  });

  it('load-balancing.yaml: Azure named as not served, the OpenAI deployments probed', async () => {
    const { stdout } = await doctorOn(pointedAtFakes('load-balancing.yaml'), { AZURE_KEY: 'a', AZURE_KEY_2: 'b', OPENAI_API_KEY: FAKE_KEY }, '--live', '--json');
    const rows = rowsOf(stdout);
    expect(rows.filter((r) => r.provider === 'azure').map((r) => [r.deployment, r.result])).toEqual([['primary', 'unsupported'], ['backup', 'unsupported']]);
    expect(rows.find((r) => r.group === '(config)' && r.cause.includes('not a LiteLLM key'))!.fix).toContain('supports_vision');
    expect(rows.filter((r) => r.group === 'o1').map((r) => r.result)).toEqual(['ok', 'ok']);
  });
});

