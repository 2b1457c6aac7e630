import { formatPath, type ConfigPath } from './config-path';

/** Where a path of the loaded (merged) config is written. */
export interface ConfigLocation {
  /** The file: the config itself or one it names in `include:`. */
  file: string;
  /** The path inside `file`: an included file's model_list entries count from its own list. */
  path: ConfigPath;
  /** 1-based line in `file`; for a value that came through an alias, the line of the alias or `<<`. */
  line?: number;
  /** When the value came through an alias: the anchor and the line of the key inside it. */
  via?: { anchor: string; line?: number };
}

/** Maps paths of the merged config to the file and line they were written at. */
export interface ConfigLocator {
  /** The config file itself, named in messages about the whole config. */
  readonly main: string;
  locate(path: ConfigPath): ConfigLocation;
}

/** `line 8`, or `line 8, value from &defaults at line 2`; '' when the line is unknown. */
export function lineText(location: ConfigLocation): string {
  if (location.line === undefined) return '';
  if (location.via === undefined) return `line ${location.line}`;
  const at = location.via.line === undefined ? '' : ` at line ${location.via.line}`;
  return `line ${location.line}, value from &${location.via.anchor}${at}`;
}

/** `model_list[1].model_info.id`, with ` in models.yaml` when it is written in another file than `file`. */
export function pathIn(location: ConfigLocation, file: string): string {
  const path = formatPath(location.path);
  return location.file === file ? path : `${path} in ${location.file}`;
}

/** The `where` of a ConfigError for a location. */
export function errorWhere(location: ConfigLocation): { path: string; line?: number; file: string } {
  const path = formatPath(location.path);
  return location.line === undefined ? { path, file: location.file } : { path, line: location.line, file: location.file };
}
