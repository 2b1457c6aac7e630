import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadRegistryFromFile, parseRegistry, startupNotices, type Registry } from './index';

// Placeholders, not secrets.
const env = { OPENAI_API_KEY: 'test-openai', GEMINI_API_KEY: 'test-gemini', DASHSCOPE_API_KEY: 'test-dashscope', REELAY_MASTER_KEY: 'sk-test' };
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/include/${name}`, import.meta.url));
const load = (name: string, withEnv: Record<string, string> = env): Registry => loadRegistryFromFile(fixture(name), withEnv);

function errorOf(name: string, withEnv: Record<string, string> = env): ConfigError {
  try {
    load(name, withEnv);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('\n');
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('include: (LiteLLM ProxyConfig._process_includes)', () => {
  it('appends the model_list entries of one included file after the config’s own', () => {
    const registry = load('only-includes.yaml');
    expect(registry.deployments.map((d) => d.modelName)).toEqual(['veo', 'wan']);
    expect(registry.warnings).toEqual([]);
  });

  it('appends two files in include order, takes their other keys, and resolves os.environ/ in them', () => {
    const registry = load('main.yaml');
    expect(registry.deployments.map((d) => d.modelName)).toEqual(['sora-2', 'veo', 'wan', 'gpt-5']);
    expect(registry.deploymentsFor('veo')?.[0]).toMatchObject({ apiKey: 'test-gemini', apiKeyEnv: 'GEMINI_API_KEY' });
    expect(registry.deploymentsFor('wan')?.[0]?.apiKey).toBe('test-dashscope');
    expect(registry.routerSettings.numRetries).toBe(2);
    expect(registry.masterKey).toBe('sk-test');
    expect(registry.warnings).toEqual([]);
  });

  it('names the variable and the included file when an os.environ/ reference there is not set', () => {
    const { GEMINI_API_KEY: _unset, ...partial } = env;
    const error = errorOf('main.yaml', partial);
    expect(error.message).toBe(
      `${fixture('models-video.yaml')}: model "veo" (model_list[0].litellm_params.api_key) needs environment variable GEMINI_API_KEY, which is not set. Set it or remove the entry.`,
    );
    expect(error).toMatchObject({ file: fixture('models-video.yaml'), path: 'model_list[0].litellm_params.api_key', line: 5 });
  });

  it('stops on a missing included file, naming it and the line of its include entry', () => {
    const error = errorOf('missing.yaml');
    expect(error.message).toBe(
      `${fixture('missing.yaml')}: include[1] (line 3): included file ${fixture('models-audio.yaml')} does not exist; paths in include: are relative to the folder of ${fixture('missing.yaml')}.`,
    );
    expect(error).toMatchObject({ file: fixture('missing.yaml'), line: 3 });
  });

  it('names the included file and its own line and entry for a bad value there', () => {
    const error = errorOf('bad-entry.yaml');
    expect(error.message).toBe(`${fixture('bad-entry-models.yaml')}: model_list[1].litellm_params.rpm must be a number, got "lots" (line 7)`);
    expect(error).toMatchObject({ file: fixture('bad-entry-models.yaml'), path: 'model_list[1].litellm_params.rpm', line: 7 });
  });

  it('follows an included file’s include:, relative to the main config’s folder as LiteLLM does', () => {
    const registry = load('nested.yaml');
    expect(registry.deployments.map((d) => d.modelName)).toEqual(['sora-2', 'veo', 'wan']);
  });

  it('says where nested include paths are relative to when one is written relative to its own file', () => {
    const error = errorOf('nested-wrong-folder.yaml');
    expect(error.message).toContain(`${fixture('nested/relative-to-self.yaml')}: include[0] (line 2): included file ${fixture('level-2.yaml')} does not exist`);
    expect(error.message).toContain('(in an included file too, as in LiteLLM)');
  });

  it('refuses a file included twice, where LiteLLM would loop forever', () => {
    const error = errorOf('cycle.yaml');
    expect(error.message).toBe(
      `${fixture('cycle-other.yaml')}: include[0] (line 2) names ${fixture('cycle.yaml')} again (it is the config itself); include each file once. LiteLLM would load it twice, or loop forever when files include each other.`,
    );
  });

  it('warns when an included file replaces a whole section, as LiteLLM does with non-list keys', () => {
    const registry = load('replaces.yaml');
    expect(registry.routerSettings.timeoutSeconds).toBe(60);
    expect(registry.routerSettings.dropParams).toBeUndefined();
    expect(registry.warnings).toEqual([
      {
        path: 'litellm_settings',
        file: fixture('replaces-settings.yaml'),
        line: 1,
        message: `replaces litellm_settings of ${fixture('replaces.yaml')} as a whole: LiteLLM merges only lists from include: files, every other key is replaced. Keep litellm_settings in one file.`,
      },
    ]);
    expect(startupNotices(registry)[0]?.where).toBe(`${fixture('replaces-settings.yaml')} line 1: litellm_settings`);
  });

  it('refuses include: that is not a list, as LiteLLM does', () => {
    const read = () => 'model_list: []\n';
    expect(() => parseRegistry('include: models.yaml\nmodel_list: []\n', { env: {}, source: 'config.yaml', readFile: read })).toThrow(
      'config.yaml: include (line 1) must be a list of file paths, e.g. include: [models.yaml]; LiteLLM refuses anything else.',
    );
  });

  it('refuses appending a list to a key the config has as something else', () => {
    const read = () => 'model_list:\n  - {model_name: a, litellm_params: {model: openai/a}}\n';
    expect(() => parseRegistry('include: [models.yaml]\nmodel_list:\n', { env: {}, source: 'config.yaml', readFile: read })).toThrow(
      /^models\.yaml: model_list \(line 1\) is a list, but model_list in config\.yaml \(line 2\) is not/,
    );
  });

  it('names the included file in a syntax error there', () => {
    const read = () => 'model_list:\n  - model_name: a\n   litellm_params: x\n';
    let caught: unknown;
    try {
      parseRegistry('include: [sub/models.yaml]\n', { env: {}, source: 'conf/config.yaml', readFile: read });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toMatch(/^conf\/sub\/models\.yaml line 3, column \d+: \S/);
    expect(caught).toMatchObject({ file: 'conf/sub/models.yaml', line: 3 });
  });

  describe('with files read through readFile', () => {
    const files: Record<string, string> = {
      'conf/video.yaml': `x-defaults: &defaults {api_key: os.environ/OPENAI_API_KEY}
model_list:
  - {model_name: sora-2, litellm_params: {<<: *defaults, model: openai/sora-2}, model_info: {id: one}}
  - {model_name: gpt-5, litellm_params: {<<: *defaults, model: openai/gpt-5}}
routr_settings: {}
`,
    };
    const readFile = (path: string) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return text;
    };
    const main = (entries: string) => `include: [video.yaml]\nmodel_list:\n${entries}`;

    it('names the other file of an id used twice', () => {
      const yamlText = main('  - {model_name: veo, litellm_params: {model: gemini/veo-3.1-generate-preview}, model_info: {id: one}}\n');
      expect(() => parseRegistry(yamlText, { env, source: 'conf/config.yaml', readFile })).toThrow(
        'conf/video.yaml: model "sora-2" (model_list[0].model_info.id) reuses id "one" of model_list[0] in conf/config.yaml; give each deployment its own id.',
      );
    });

    it('names each entry’s file when a group mixes modes across files', () => {
      const yamlText = main('  - {model_name: gpt-5, litellm_params: {model: openai/gpt-5}, model_info: {mode: video_generation}}\n');
      expect(() => parseRegistry(yamlText, { env, source: 'conf/config.yaml', readFile })).toThrow(
        /^conf\/config\.yaml: model "gpt-5" mixes modes: model_list\[0\] openai\/gpt-5 is video_generation \(model_info\.mode\); model_list\[1\] in conf\/video\.yaml openai\/gpt-5 is chat/,
      );
    });

    it('keeps an included file’s anchor key quiet and names the file of its typo', () => {
      const { warnings } = parseRegistry(main('  - {model_name: veo, litellm_params: {model: gemini/veo-3.1-generate-preview}}\n'), { env, source: 'conf/config.yaml', readFile });
      expect(warnings.map((w) => [w.file, w.path, w.line])).toEqual([['conf/video.yaml', 'routr_settings', 5]]);
    });
  });
});
