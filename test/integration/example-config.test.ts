import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canServe } from '@reelay/providers';
import { loadRegistryFromFile, startupNotices } from '@reelay/registry';
import { REPO_ROOT } from '../support/processes';

const EXAMPLE = `${REPO_ROOT}infra/config/reelay.example.yaml`;
/** A copy of shared/examples/litellm-configs/seo-app-required-models.md's model table. */
const REQUIRED = {
  video: ['doubao-seedance-1-5-pro-251215', 'sora-2', 'sora-2-pro', 'veo-3.1-generate-preview', 'veo-3.0-generate-preview', 'veo-2.0-generate-001', 'wan2.6-t2v', 'wan2.5-t2v-preview', 'wan2.2-t2v-plus'],
  text: [
    'grok-4-1-fast-reasoning', 'doubao-pro-4k', 'doubao-pro-32k', 'doubao-pro-128k', 'gpt-5.2', 'gpt-4', 'gpt-3.5-turbo', 'claude-3-sonnet', 'claude-sonnet-4-5',
    'gemini-2.5-flash-lite', 'qwen3-max', 'qwen-max-latest', 'qwen-max-0125', 'qwen-flash', 'qwen-turbo', 'qwen-long', 'sonar', 'sonar-pro', 'sonar-reasoning-pro', 'sonar-deep-research',
  ],
};
const EXPECTED_PREFIX: Array<[RegExp, string, string]> = [
  [/^sora-/, 'openai', 'OPENAI_API_KEY'],
  [/^veo-/, 'gemini', 'GEMINI_API_KEY'],
  [/^wan/, 'dashscope', 'DASHSCOPE_API_KEY'],
  [/seedance/, 'volcengine', 'ARK_API_KEY'],
];

/** Every os.environ/NAME in the file, set to a dummy so the whole example loads. */
function dummyEnv(): Record<string, string> {
  const names = [...readFileSync(EXAMPLE, 'utf8').matchAll(/os\.environ\/([A-Z0-9_]+)/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((name) => [name, `dummy-${name.toLowerCase()}`]));
}

describe('infra/config/reelay.example.yaml', () => {
  const registry = loadRegistryFromFile(EXAMPLE, dummyEnv());

  it('lists every model of the SEO app’s required list', () => {
    for (const name of [...REQUIRED.video, ...REQUIRED.text]) expect(registry.deploymentsFor(name), name).toBeDefined();
  });

  it('gives every video model the right provider prefix and key variable', () => {
    for (const name of REQUIRED.video) {
      const [deployment] = registry.deploymentsFor(name)!;
      const [, provider, keyEnv] = EXPECTED_PREFIX.find(([pattern]) => pattern.test(name))!;
      expect({ name, provider: deployment!.provider, keyEnv: deployment!.apiKeyEnv }).toEqual({ name, provider, keyEnv });
    }
  });

  it('knows what each model serves: the video models make video, the text ones are chat', () => {
    for (const name of REQUIRED.video) {
      for (const deployment of registry.deploymentsFor(name)!) expect({ name, mode: deployment.mode, video: canServe(deployment, 'video') }).toEqual({ name, mode: 'video_generation', video: true });
    }
    for (const name of REQUIRED.text) {
      for (const deployment of registry.deploymentsFor(name)!) expect({ name, mode: deployment.mode, video: canServe(deployment, 'video') }).toEqual({ name, mode: 'chat', video: false });
    }
  });

  it('loads without a single config warning, and warns at start that sora on api.openai.com is retired', () => {
    expect(registry.warnings).toEqual([]);
    const notices = startupNotices(registry, new Date('2026-11-22T00:00:00Z'));
    expect(notices.map((n) => n.where)).toEqual([expect.stringContaining('deployment'), expect.stringContaining('deployment')]);
    expect(notices[0]!.message).toMatch(/sora-2: OpenAI shut down its Videos API on 2026-09-24/);
    // Before the day, the announced shutdown (from the model lifecycle table).
    const announced = startupNotices(registry, new Date('2026-01-01T00:00:00Z'));
    expect(announced.map((n) => n.message)).toEqual([expect.stringMatching(/^sora-2 is to be retired by the vendor on 2026-09-24; use a Veo/), expect.stringMatching(/^sora-2-pro is to be retired/)]);
  });

  it('every provider key variable is needed: leaving one out stops the load naming it', () => {
    const env = dummyEnv();
    delete env.DASHSCOPE_API_KEY;
    expect(() => loadRegistryFromFile(EXAMPLE, env)).toThrow(/model "wan2\.6-t2v".*DASHSCOPE_API_KEY/);
  });
});
