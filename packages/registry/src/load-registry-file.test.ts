import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadRegistryFromFile } from './index';

describe('loadRegistryFromFile', () => {
  it('reads the file and names it in messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelay-registry-'));
    const path = join(dir, 'config.yaml');
    writeFileSync(path, 'model_list:\n  - model_name: sora-2\n    litellm_params:\n      model: openai/sora-2\n      rpm: lots\n');
    expect(() => loadRegistryFromFile(path, {})).toThrow(`${path}: model_list[0].litellm_params.rpm must be a number`);

    writeFileSync(path, 'model_list:\n  - model_name: sora-2\n    litellm_params:\n      model: openai/sora-2\n');
    expect(loadRegistryFromFile(path, {}).modelNames()).toEqual(['sora-2']);
  });

  it('names the missing path and REELAY_CONFIG', () => {
    const path = join(tmpdir(), 'reelay-no-such-dir', 'config.yaml');
    let caught: unknown;
    try {
      loadRegistryFromFile(path, {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as Error).message;
    expect(message).toContain(path);
    expect(message).toContain('REELAY_CONFIG');
    expect(message).not.toContain('\n');
  });
});
