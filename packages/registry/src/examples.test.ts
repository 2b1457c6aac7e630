import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegistry, type Registry } from './index';

// The env vars the example configs reference; values are placeholders, not secrets.
const env = {
  AZURE_KEY: 'test-azure-key-1',
  AZURE_KEY_2: 'test-azure-key-2',
  OPENAI_API_KEY: 'test-openai-key',
  OPENROUTER_API_KEY: 'test-openrouter-key',
  LITELLM_MASTER_KEY: 'sk-test-master',
  GOOGLE_API_KEY: 'test-google-key',
  QWEN_API_KEY: 'test-qwen-key',
  DOUBAO_API_KEY: 'test-doubao-key',
};

function load(name: string): Registry {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return parseRegistry(text, { env, source: name });
}

function warningAt(registry: Registry, path: string): string {
  const found = registry.warnings.filter((warning) => warning.path === path);
  expect(found, `one warning at ${path}`).toHaveLength(1);
  return found[0]?.message ?? '';
}

function expectNoSecrets(registry: Registry): void {
  const text = JSON.stringify(registry.warnings);
  for (const value of Object.values(env)) expect(text).not.toContain(value);
}

describe('example config load-balancing.yaml', () => {
  const registry = load('load-balancing.yaml');

  it('reads both groups with their weights, orders and ids', () => {
    expect(registry.modelNames()).toEqual(['gpt-4', 'llava-hf', 'o1']);
    const gpt4 = registry.deploymentsFor('gpt-4') ?? [];
    expect(gpt4.map((d) => [d.id, d.provider, d.upstreamModel, d.weight, d.apiKeyEnv])).toEqual([
      ['primary', 'azure', 'gpt-4-primary', 8, 'AZURE_KEY'],
      ['backup', 'azure', 'gpt-4-backup', 2, 'AZURE_KEY_2'],
    ]);
    expect(gpt4[0]?.rpm).toBe(60);
    expect(gpt4[0]?.apiKey).toBe('test-azure-key-1');
    expect(registry.deploymentsFor('o1')?.map((d) => d.order)).toEqual([1, 2]);
  });

  it('keeps further slashes in the upstream model and reads model_info', () => {
    const [llava] = registry.deploymentsFor('llava-hf') ?? [];
    expect(llava?.provider).toBe('openai');
    expect(llava?.upstreamModel).toBe('llava-hf/llava-v1.6-vicuna-7b-hf');
    expect(llava?.apiBase).toBe('http://localhost:8000');
    expect(llava?.modelInfo['supports_vision']).toBe(true);
  });

  it('points vision_model_list at model_info.supports_vision', () => {
    expect(warningAt(registry, 'vision_model_list')).toContain('model_info.supports_vision: true');
  });

  it('warns that an unprefixed model is assumed to be openai/', () => {
    expect(warningAt(registry, 'model_list[2].litellm_params.model')).toContain('openai/o1');
    expect(warningAt(registry, 'model_list[3].litellm_params.model')).toContain('openai/o1-preview');
    expect(registry.deploymentsFor('o1')?.every((d) => d.provider === 'openai' && d.providerKnown)).toBe(true);
  });

  it('accepts known LiteLLM router keys without noise and reads them', () => {
    expect(registry.warnings.map((w) => w.path)).toEqual([
      'vision_model_list',
      'model_list[2].litellm_params.model',
      'model_list[3].litellm_params.model',
    ]);
    expect(registry.routerSettings).toEqual({
      allowedFails: 3,
      cooldownTimeSeconds: 30,
      numRetries: 3,
      routingStrategy: 'simple-shuffle',
      fallbacks: {},
      statusCallsPerSecond: {},
    });
    expectNoSecrets(registry);
  });
});

describe('example config novel-app-openrouter.yaml', () => {
  const registry = load('novel-app-openrouter.yaml');

  it('routes every group through openrouter with the vendor path kept', () => {
    expect(registry.deployments).toHaveLength(5);
    expect(registry.deployments.every((d) => d.provider === 'openrouter' && d.providerKnown)).toBe(true);
    expect(registry.deploymentsFor('deepseek')?.[0]?.upstreamModel).toBe('deepseek/deepseek-v3.1-terminus-v3-0324');
    expect(registry.deploymentsFor('deepseek')?.[0]?.params).toMatchObject({ max_tokens: 4000, temperature: 0.7 });
  });

  it('uses the master key from litellm_settings but says LiteLLM reads it from general_settings', () => {
    expect(registry.masterKey).toBe('sk-test-master');
    expect(warningAt(registry, 'litellm_settings.master_key')).toContain('general_settings.master_key');
  });

  it('says where a misplaced general_settings key belongs', () => {
    expect(warningAt(registry, 'litellm_settings.allow_requests_on_db_unavailable')).toContain(
      'general_settings.allow_requests_on_db_unavailable',
    );
  });

  it('does not warn about known-but-unused keys and reads router settings', () => {
    expect(registry.warnings).toHaveLength(2);
    // The novel app sets litellm_settings.drop_params: true, which the text path now honours.
    expect(registry.routerSettings).toEqual({ defaultMaxParallelRequests: 10, timeoutSeconds: 120, dropParams: true, fallbacks: {}, statusCallsPerSecond: {} });
    expectNoSecrets(registry);
  });
});

describe('example config seo-app-checklist.yaml', () => {
  const registry = load('seo-app-checklist.yaml');

  it('loads every entry, marking the unknown providers', () => {
    expect(registry.deployments).toHaveLength(6);
    expect(registry.deployments.every((d) => !d.providerKnown)).toBe(true);
    expect(registry.deploymentsFor('gemini/veo-2.0-generate-001')?.[0]?.provider).toBe('google');
  });

  it('gives each wrong prefix its fix', () => {
    const google = warningAt(registry, 'model_list[0].litellm_params.model');
    expect(google).toContain('gemini/');
    expect(google).toContain('vertex_ai/');
    for (const index of [1, 2]) expect(warningAt(registry, `model_list[${index}].litellm_params.model`)).toContain('dashscope/');
    for (const index of [3, 4, 5]) {
      expect(warningAt(registry, `model_list[${index}].litellm_params.model`)).toMatch(/Doubao is volcengine\//);
    }
  });

  it('has no other warnings (a provider-looking model_name is fine) and reports lines', () => {
    expect(registry.warnings).toHaveLength(6);
    expect(registry.warnings[0]?.line).toBe(7);
    expectNoSecrets(registry);
  });
});
