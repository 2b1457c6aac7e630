import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';
import { parseRegistry } from './parse-registry';
import { readFailure } from './read-failure';
import type { Registry } from './types';

/**
 * Reads and parses the config file at `path`, and the files its `include:` names, relative to
 * its folder (synchronously: it runs once, at start). A config file that cannot be read is a
 * ConfigError naming the path and `REELAY_CONFIG`.
 */
export function loadRegistryFromFile(path: string, env: Record<string, string | undefined> = process.env): Registry {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`config file ${path} ${readFailure(error)}; set REELAY_CONFIG to the path of your LiteLLM-style config.yaml.`);
  }
  return parseRegistry(text, { env, source: path });
}
