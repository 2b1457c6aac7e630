import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';
import { parseRegistry } from './parse-registry';
import type { Registry } from './types';

/**
 * Reads and parses the config file at `path` (synchronously: it runs once, at start).
 * A file that cannot be read is a ConfigError naming the path and `REELAY_CONFIG`.
 */
export function loadRegistryFromFile(path: string, env: Record<string, string | undefined> = process.env): Registry {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError(`config file ${path} ${reason}; set REELAY_CONFIG to the path of your LiteLLM-style config.yaml.`);
  }
  return parseRegistry(text, { env, source: path });
}
