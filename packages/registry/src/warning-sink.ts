import type { ConfigLocator } from './config-location';
import { formatPath, type ConfigPath } from './config-path';
import type { ConfigWarning } from './types';

/** Collects warnings, at most one per config path, with the file and line each one points at. */
export interface WarningSink {
  warn(path: ConfigPath, message: string): void;
  readonly warnings: readonly ConfigWarning[];
}

export function createWarningSink(locator: ConfigLocator): WarningSink {
  const warnings: ConfigWarning[] = [];
  const seen = new Set<string>();
  return {
    warnings,
    warn(path, message) {
      const location = locator.locate(path);
      const via = location.via;
      // A key that comes through an alias is written once, in the anchor: warn once, there.
      const key = via?.line === undefined ? formatPath(path) : `${location.file}:${via.line}`;
      if (seen.has(key)) return;
      seen.add(key);
      const warning: ConfigWarning = { path: formatPath(location.path), message, file: location.file };
      if (via !== undefined) warning.message = `${message} (It comes from &${via.anchor}${via.line === undefined ? '' : ` at line ${via.line}`}.)`;
      if (location.line !== undefined) warning.line = location.line;
      warnings.push(warning);
    },
  };
}
