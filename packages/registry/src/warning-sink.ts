import { formatPath, type ConfigPath } from './config-path';
import type { ConfigWarning } from './types';

/** Collects warnings, at most one per config path, with the line each one points at. */
export interface WarningSink {
  warn(path: ConfigPath, message: string): void;
  readonly warnings: readonly ConfigWarning[];
}

export function createWarningSink(lineOf: (path: ConfigPath) => number | undefined): WarningSink {
  const warnings: ConfigWarning[] = [];
  const seen = new Set<string>();
  return {
    warnings,
    warn(path, message) {
      const formatted = formatPath(path);
      if (seen.has(formatted)) return;
      seen.add(formatted);
      const line = lineOf(path);
      warnings.push(line === undefined ? { path: formatted, message } : { path: formatted, message, line });
    },
  };
}
