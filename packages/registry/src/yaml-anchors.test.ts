import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadRegistryFromFile, parseRegistry } from './index';

const env = { OPENAI_API_KEY: 'test-openai' };
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/include/${name}`, import.meta.url));

describe('YAML anchors and << merge keys (as PyYAML loads them for LiteLLM)', () => {
  const registry = loadRegistryFromFile(fixture('anchors.yaml'), env);
  const params = (name: string) => registry.deploymentsFor(name)?.[0];

  it('merges the anchored defaults, keys written in the entry winning wherever they stand', () => {
    expect(params('gpt-5')).toMatchObject({ upstreamModel: 'gpt-5', rpm: 20, timeoutSeconds: 30, apiKey: 'test-openai', apiKeyEnv: 'OPENAI_API_KEY' });
    expect(params('sora-2')).toMatchObject({ upstreamModel: 'sora-2', rpm: 10 });
    expect(params('gpt-5')?.params).not.toHaveProperty('<<');
  });

  it('merges a list of anchors, the earlier one winning', () => {
    expect(params('gpt-5-mini')).toMatchObject({ rpm: 10, tpm: 50000, timeoutSeconds: 30 });
  });

  it('stays quiet about x- keys and keys holding used anchors, but still flags a typo', () => {
    expect(registry.warnings.map((w) => w.path)).toEqual(['router_setings']);
    expect(registry.warnings[0]).toMatchObject({ line: 25, message: expect.stringContaining('Check the spelling') });
  });

  it('points an error in a merged value at the entry’s << line, the anchor’s line and the included file', () => {
    let caught: unknown;
    try {
      loadRegistryFromFile(fixture('anchor-error.yaml'), env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toBe(
      `${fixture('anchor-error-models.yaml')}: model_list[1].litellm_params.rpm must be a number, got "plenty" (line 12, value from &defaults at line 3)`,
    );
    expect(caught).toMatchObject({ file: fixture('anchor-error-models.yaml'), line: 12 });
  });

  it('follows a plain alias of a whole mapping', () => {
    const yamlText = `x-sora: &sora
  model: openai/sora-2
  rpm: many
model_list:
  - model_name: sora-2
    litellm_params: *sora
`;
    expect(() => parseRegistry(yamlText, { env: {}, source: 'config.yaml' })).toThrow(
      'config.yaml: model_list[0].litellm_params.rpm must be a number, got "many" (line 6, value from &sora at line 3)',
    );
  });

  it('warns once, at the anchor, about an unknown key that many entries merge in', () => {
    const yamlText = `x-defaults: &defaults {rpmm: 5}
model_list:
  - model_name: a
    litellm_params: {<<: *defaults, model: openai/a}
  - model_name: b
    litellm_params: {<<: *defaults, model: openai/b}
`;
    const { warnings } = parseRegistry(yamlText, { env: {}, source: 'config.yaml' });
    expect(warnings).toEqual([
      {
        path: 'model_list[0].litellm_params.rpmm',
        file: 'config.yaml',
        line: 4,
        message: 'not a LiteLLM key; ignored. Check the spelling, or remove it. (It comes from &defaults at line 1.)',
      },
    ]);
  });
});

describe('a << that merges something other than a mapping', () => {
  it('stops the load naming the line, as PyYAML refuses it too', () => {
    expect(() => parseRegistry('x-n: &n 5\nmodel_list:\n  - model_name: a\n    litellm_params: {<<: *n, model: openai/a}\n', { env: {}, source: 'config.yaml' })).toThrow(
      'config.yaml line 4: Merge sources must be maps or map aliases.',
    );
  });
});
