import { describe, expect, it } from 'vitest';
import { ConfigError, parseRegistry } from './index';

const source = 'config.yaml';

function errorOf(yamlText: string, env: Record<string, string | undefined> = {}): ConfigError {
  try {
    parseRegistry(yamlText, { env, source });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('\n');
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const sora = (extraParams = '') =>
  `model_list:
  - model_name: sora-2
    litellm_params:
      model: openai/sora-2
      api_key: os.environ/OPENAI_API_KEY
${extraParams}`;

describe('environment references', () => {
  it('fails fast naming the model and the variable, never a secret', () => {
    const yamlText = `${sora()}
  - model_name: veo
    litellm_params:
      model: gemini/veo-3.1-generate-preview
      api_key: os.environ/GEMINI_API_KEY
`;
    const error = errorOf(yamlText, { GEMINI_API_KEY: 'super-secret-gemini' });
    expect(error.message).toBe(
      'config.yaml: model "sora-2" (model_list[0].litellm_params.api_key) needs environment variable OPENAI_API_KEY, which is not set. Set it or remove the entry.',
    );
    expect(error.message).not.toContain('super-secret-gemini');
  });

  it('treats an empty variable as missing and lists every missing one', () => {
    const yamlText = `${sora()}
  - model_name: veo
    litellm_params:
      model: gemini/veo-3.1-generate-preview
      api_key: os.environ/GEMINI_API_KEY
`;
    const message = errorOf(yamlText, { OPENAI_API_KEY: '' }).message;
    expect(message).toContain('OPENAI_API_KEY, which is empty');
    expect(message).toContain('Also not set: GEMINI_API_KEY');
  });

  it('names the key outside model_list', () => {
    const message = errorOf('model_list: []\ngeneral_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n').message;
    expect(message).toBe(
      'config.yaml: general_settings.master_key needs environment variable LITELLM_MASTER_KEY, which is not set. Set it or remove the key.',
    );
  });

  it('resolves references in nested values and records where the key came from', () => {
    const registry = parseRegistry(
      sora(`      extra_headers:
        x-tenant: os.environ/TENANT
      tags: [fixed, os.environ/TAG]
`),
      { env: { OPENAI_API_KEY: 'sk-test-1', TENANT: 'acme', TAG: 'blue' }, source },
    );
    const [deployment] = registry.deployments;
    expect(deployment?.apiKey).toBe('sk-test-1');
    expect(deployment?.apiKeyEnv).toBe('OPENAI_API_KEY');
    expect(deployment?.params['extra_headers']).toEqual({ 'x-tenant': 'acme' });
    expect(deployment?.params['tags']).toEqual(['fixed', 'blue']);
  });

  it('takes numbers from the environment and fills from environment_variables', () => {
    const registry = parseRegistry(
      `environment_variables:
  OPENAI_API_KEY: sk-from-config
${sora('      rpm: os.environ/SORA_RPM\n')}`,
      { env: { SORA_RPM: '12' }, source },
    );
    expect(registry.deployments[0]?.rpm).toBe(12);
    expect(registry.deployments[0]?.apiKey).toBe('sk-from-config');
  });

  it('never echoes an environment value that has the wrong type', () => {
    const message = errorOf(sora('      rpm: os.environ/SORA_RPM\n'), { OPENAI_API_KEY: 'k', SORA_RPM: 'hunter2' }).message;
    expect(message).toContain('model_list[0].litellm_params.rpm must be a number');
    expect(message).toContain('SORA_RPM');
    expect(message).not.toContain('hunter2');
  });
});

describe('syntax and type errors', () => {
  it('names the line of a YAML syntax error', () => {
    const error = errorOf('model_list:\n  - model_name: a\n   litellm_params: x\n');
    expect(error.message).toMatch(/^config\.yaml line 3, column \d+: \S/);
    expect(error.line).toBe(3);
  });

  it('uses "config" when no source is given', () => {
    expect(() => parseRegistry('model_list: [\n', { env: {} })).toThrow(/^config line \d+, column \d+: /);
  });

  it('names the path and the value of a wrong type', () => {
    const yamlText = `model_list:
  - model_name: a
    litellm_params:
      model: openai/a
  - model_name: b
    litellm_params:
      model: openai/b
      rpm: abc
`;
    const error = errorOf(yamlText);
    expect(error.message).toContain('config.yaml: model_list[1].litellm_params.rpm must be a number, got "abc"');
    expect(error.message).toContain('line 8');
    expect(error.path).toBe('model_list[1].litellm_params.rpm');
  });

  it('does not echo a literal api_key of the wrong type', () => {
    const message = errorOf('model_list:\n  - model_name: a\n    litellm_params:\n      model: openai/a\n      api_key: 987654321\n').message;
    expect(message).toContain('model_list[0].litellm_params.api_key must be a string');
    expect(message).not.toContain('987654321');
  });

  it('says what to add when a required key is missing', () => {
    expect(errorOf('model_list:\n  - model_name: a\n    litellm_params: {}\n').message).toContain(
      'model_list[0].litellm_params.model is missing; add model:',
    );
    expect(errorOf('model_list:\n  - litellm_params: {model: openai/a}\n').message).toContain('model_list[0].model_name is missing');
    expect(errorOf('router_settings: {}\n').message).toContain('config.yaml: model_list is missing');
    expect(errorOf('').message).toContain('the file is empty');
  });

  it('rejects a fallbacks value that is not in LiteLLM form', () => {
    expect(errorOf('model_list: []\nrouter_settings:\n  fallbacks: 3\n').message).toContain(
      'router_settings.fallbacks must be a list like [{"gpt-4": ["gpt-3.5-turbo"]}]',
    );
  });

  it('rejects two deployments with the same model_info.id', () => {
    const yamlText = `model_list:
  - {model_name: a, litellm_params: {model: openai/a}, model_info: {id: one}}
  - {model_name: b, litellm_params: {model: openai/b}, model_info: {id: one}}
`;
    expect(errorOf(yamlText).message).toContain('model "b" (model_list[1].model_info.id) reuses id "one" of model_list[0]');
  });
});

describe('unknown keys', () => {
  const yamlText = `model_list:
  - model_name: sora-2
    litellm_params:
      model: openai/sora-2
      api_key: test-key
      my_custom_flag: 42
      drop_params: true
    rpm: 5
totally_new_section: {}
router_settings:
  enable_pre_call_checks: true
  routing_stratgy: latency
  fallbacks: [{"sora-2": ["sora-2-pro"]}]
litellm_settings:
  set_verbose: false
  fallbacks: [{"sora-2": "veo"}]
general_settings:
  mystery: 1
`;
  const registry = parseRegistry(yamlText, { env: {}, source });
  const paths = registry.warnings.map((warning) => warning.path);

  it('keeps them on the deployment and warns once per key path', () => {
    expect(registry.deployments[0]?.params['my_custom_flag']).toBe(42);
    for (const path of [
      'model_list[0].litellm_params.my_custom_flag',
      'totally_new_section',
      'router_settings.routing_stratgy',
      'general_settings.mystery',
    ]) {
      expect(paths.filter((p) => p === path), path).toHaveLength(1);
      expect(registry.warnings.find((w) => w.path === path)?.message).toContain('not a LiteLLM key; ignored');
    }
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('stays quiet about known LiteLLM keys reelay does not use', () => {
    expect(paths).not.toContain('model_list[0].litellm_params.drop_params');
    expect(paths).not.toContain('router_settings.enable_pre_call_checks');
    expect(paths).not.toContain('litellm_settings.set_verbose');
  });

  it('says where a misplaced key belongs', () => {
    expect(registry.warnings.find((w) => w.path === 'model_list[0].rpm')?.message).toContain('litellm_params.rpm');
  });

  it('reads fallbacks in LiteLLM form, router_settings winning per group, and flags unknown targets', () => {
    expect(registry.routerSettings.fallbacks).toEqual({ 'sora-2': ['sora-2-pro'] });
    expect(paths).toContain('router_settings.fallbacks.sora-2.sora-2-pro');
  });

  it('hints at an unknown provider prefix, listing the known ones', () => {
    const other = parseRegistry('model_list:\n  - {model_name: x, litellm_params: {model: bedrock/titan}}\n', { env: {} });
    expect(other.deployments[0]?.providerKnown).toBe(false);
    expect(other.warnings[0]?.message).toMatch(/openai\/.*dashscope\/.*volcengine\//);
  });
});

describe('deployments', () => {
  it('derives a stable id when model_info.id is absent, distinct for identical entries', () => {
    const yamlText = `model_list:
  - {model_name: a, litellm_params: {model: openai/x, api_key: one}}
  - {model_name: a, litellm_params: {model: openai/x, api_key: two}}
  - {model_name: a, litellm_params: {model: openai/x, api_base: "http://fake:1"}}
`;
    const first = parseRegistry(yamlText, { env: {} }).deployments.map((d) => d.id);
    const again = parseRegistry(yamlText, { env: {} }).deployments.map((d) => d.id);
    expect(first).toEqual(again);
    expect(new Set(first).size).toBe(3);
    expect(first[0]).toMatch(/^[0-9a-f]{12}$/);
  });

  it('validates reelay poll keys and keeps them in params for the video code', () => {
    const registry = parseRegistry(
      sora(`      poll_initial_seconds: 30
      poll_min_seconds: 2.5
      poll_max_seconds: 60
      poll_elapsed_fraction: 0.2
      job_timeout_seconds: 1800
      max_parallel_requests: 4
      tpm: 1000
`),
      { env: { OPENAI_API_KEY: 'k' } },
    );
    const [deployment] = registry.deployments;
    expect(deployment?.params).toMatchObject({ poll_initial_seconds: 30, poll_min_seconds: 2.5, job_timeout_seconds: 1800 });
    expect(deployment?.maxParallelRequests).toBe(4);
    expect(deployment?.tpm).toBe(1000);
    expect(registry.warnings).toEqual([]);
  });

  it('gives no key when none is configured', () => {
    const [deployment] = parseRegistry('model_list:\n  - {model_name: a, litellm_params: {model: openai/x}}\n', { env: {} }).deployments;
    expect(deployment?.apiKey).toBeUndefined();
    expect(deployment?.apiKeyEnv).toBeUndefined();
  });

  it('takes general_settings.master_key and groups by model_name', () => {
    const registry = parseRegistry(
      `model_list:
  - {model_name: b, litellm_params: {model: openai/x}}
  - {model_name: a, litellm_params: {model: openai/y}}
  - {model_name: b, litellm_params: {model: openai/z}}
general_settings:
  master_key: sk-literal
`,
      { env: {} },
    );
    expect(registry.masterKey).toBe('sk-literal');
    expect(registry.modelNames()).toEqual(['a', 'b']);
    expect(registry.deploymentsFor('b')?.map((d) => d.upstreamModel)).toEqual(['x', 'z']);
    expect(registry.deploymentsFor('nope')).toBeUndefined();
  });
});

describe('router_settings.status_calls_per_second (reelay)', () => {
  const withLimits = (value: string) => `${sora()}router_settings:\n  status_calls_per_second: ${value}\n`;

  it('reads a per-provider cap on status calls, numbers given as strings too', () => {
    const registry = parseRegistry(withLimits('{ dashscope: 40, openai: "5.5" }'), { env: { OPENAI_API_KEY: 'k' }, source });
    expect(registry.routerSettings.statusCallsPerSecond).toEqual({ dashscope: 40, openai: 5.5 });
    expect(registry.warnings).toEqual([]);
  });

  it('refuses a value that is not a positive number, naming where it is', () => {
    const error = errorOf(withLimits('{ dashscope: 0 }'), { OPENAI_API_KEY: 'k' });
    expect(error.message).toContain('config.yaml: router_settings.status_calls_per_second.dashscope must be greater than 0, got 0 (line 7)');
    expect(errorOf(withLimits('{ dashscope: lots }'), { OPENAI_API_KEY: 'k' }).message).toContain('router_settings.status_calls_per_second.dashscope must be a number, got "lots"');
  });

  it('warns when a name is not a provider, listing the providers', () => {
    const registry = parseRegistry(withLimits('{ dashcope: 20 }'), { env: { OPENAI_API_KEY: 'k' }, source });
    expect(registry.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/"dashcope" is not a provider reelay knows.*dashscope/)]);
  });
});
