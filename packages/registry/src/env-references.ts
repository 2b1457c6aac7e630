import { ConfigError } from './config-error';
import { errorWhere, type ConfigLocator } from './config-location';
import { formatPath, isRecord, valueAt, type ConfigPath } from './config-path';

const PREFIX = 'os.environ/';

export interface ResolvedEnv {
  /** A deep copy of the document with every `os.environ/NAME` string replaced by its value. */
  data: unknown;
  /** Formatted config path → variable name, for every value that came from the environment. */
  fromEnv: ReadonlyMap<string, string>;
}

interface Missing {
  path: ConfigPath;
  name: string;
  empty: boolean;
}

/**
 * Replaces LiteLLM's `os.environ/NAME` strings anywhere in the document. A variable that is not
 * set (or empty) stops the load: LiteLLM users' "no healthy deployments" comes from such gaps.
 * All missing variables are collected so one message can name them all.
 */
export function resolveEnvReferences(
  data: unknown,
  env: Record<string, string | undefined>,
  locator: ConfigLocator,
): ResolvedEnv {
  const fromEnv = new Map<string, string>();
  const missing: Missing[] = [];

  const visit = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') {
      if (!value.startsWith(PREFIX)) return value;
      const name = value.slice(PREFIX.length).trim();
      const resolved = name === '' ? undefined : env[name];
      if (resolved === undefined || resolved.trim() === '') {
        missing.push({ path, name, empty: resolved !== undefined });
        return undefined;
      }
      fromEnv.set(formatPath(path), name);
      return resolved;
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (isRecord(value)) {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[key] = visit(item, [...path, key]);
      return copy;
    }
    return value;
  };

  const resolved = visit(data, []);
  const [first, ...others] = missing;
  if (first !== undefined) throw missingError(locator, data, first, others);
  return { data: resolved, fromEnv };
}

/**
 * Environment used for `os.environ/` references: the process env, overridden by the config's own
 * `environment_variables` map (LiteLLM sets those into `os.environ` at start).
 */
export function effectiveEnv(
  data: unknown,
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const extra = isRecord(data) ? data['environment_variables'] : undefined;
  if (!isRecord(extra)) return env;
  const merged = { ...env };
  for (const [name, value] of Object.entries(extra)) {
    if (typeof value === 'string' && value.startsWith(PREFIX)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') merged[name] = String(value);
  }
  return merged;
}

function missingError(locator: ConfigLocator, data: unknown, first: Missing, others: Missing[]): ConfigError {
  const location = locator.locate(first.path);
  const path = formatPath(location.path);
  const state = first.empty ? 'which is empty' : 'which is not set';
  const variable = first.name === '' ? 'a variable name after os.environ/, which is missing' : `environment variable ${first.name}, ${state}`;
  const modelName = modelNameFor(data, first.path);
  const subject = modelName === undefined ? path : `model "${modelName}" (${path})`;
  const remedy = first.path[0] === 'model_list' ? 'Set it or remove the entry.' : 'Set it or remove the key.';
  const otherNames = [...new Set(others.map((item) => item.name).filter((name) => name !== first.name && name !== ''))];
  const more = otherNames.length === 0 ? '' : ` Also not set: ${otherNames.join(', ')}.`;
  return new ConfigError(`${location.file}: ${subject} needs ${variable}. ${remedy}${more}`, errorWhere(location));
}

function modelNameFor(data: unknown, path: ConfigPath): string | undefined {
  if (path[0] !== 'model_list' || typeof path[1] !== 'number') return undefined;
  const name = valueAt(data, ['model_list', path[1], 'model_name']);
  return typeof name === 'string' ? name : undefined;
}
