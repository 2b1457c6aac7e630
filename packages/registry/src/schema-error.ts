import type { z } from 'zod';
import { ConfigError } from './config-error';
import { errorWhere, lineText, type ConfigLocator } from './config-location';
import { formatPath, valueAt, type ConfigPath } from './config-path';

/** Values under keys like these are never echoed, even when they have the wrong type. */
const secretKey = /key|secret|password|token|credential/i;

/** How to fix a missing required key. */
const missingFixes: Record<string, string> = {
  model_list: 'add model_list: with one entry per deployment',
  model_name: 'add model_name: <the name clients will request>',
  litellm_params: 'add litellm_params: with model: <provider>/<model id>',
  model: 'add model: <provider>/<model id>, e.g. openai/sora-2',
};

const expectedLabels: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  boolean: 'true or false',
};

export interface SchemaErrorContext {
  /** The document the schema was run on. */
  data: unknown;
  /** Paths whose value came from an environment variable: never echoed. */
  fromEnv: ReadonlyMap<string, string>;
  /** File, path and line each path of `data` was written at. */
  locator: ConfigLocator;
}

/** The first schema issue as a one-line ConfigError naming the path, what was found and the fix. */
export function schemaError(issues: readonly z.core.$ZodIssue[], context: SchemaErrorContext): ConfigError {
  const [issue] = issues;
  if (issue === undefined) return new ConfigError(`${context.locator.main}: invalid config`);
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  const location = context.locator.locate(path);
  const more = issues.length > 1 ? ` (${issues.length - 1} more problem${issues.length > 2 ? 's' : ''} after this one)` : '';
  const line = lineText(location);
  const at = line === '' ? '' : ` (${line})`;
  const message = `${location.file}: ${formatPath(location.path)} ${problem(issue, path, context)}${at}${more}`;
  return new ConfigError(message, errorWhere(location));
}

function problem(issue: z.core.$ZodIssue, path: ConfigPath, context: SchemaErrorContext): string {
  const value = valueAt(context.data, path);
  const last = path[path.length - 1];
  const envName = context.fromEnv.get(formatPath(path));
  const secret = envName !== undefined || (typeof last === 'string' && secretKey.test(last));
  const got = envName === undefined ? describe(value, secret) : `the value of ${envName} (not shown)`;
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) {
        const fix = typeof last === 'string' ? missingFixes[last] : undefined;
        return fix === undefined ? 'is missing' : `is missing; ${fix}`;
      }
      const label = expectedLabels[issue.expected] ?? `a ${issue.expected}`;
      const quoteHint = issue.expected === 'string' && typeof value !== 'object' ? ' (quote it in YAML)' : '';
      return `must be ${label}, got ${got}${quoteHint}`;
    }
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return 'must not be empty';
      if (issue.inclusive === false) return `must be greater than ${issue.minimum}, got ${got}`;
      return `must be at least ${issue.minimum}, got ${got}`;
    case 'too_big':
      return `must be at most ${issue.maximum}, got ${got}`;
    default:
      return issue.message.startsWith('must ') ? `${issue.message}, got ${got}` : `has the wrong type, got ${got}`;
  }
}

function describe(value: unknown, secret: boolean): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (secret) return `a ${typeof value}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}
