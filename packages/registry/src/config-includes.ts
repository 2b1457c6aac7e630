import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { errorWhere, lineText, type ConfigLocation, type ConfigLocator } from './config-location';
import { formatPath, isRecord, type ConfigPath } from './config-path';
import { readFailure } from './read-failure';
import { parseYamlSource, type YamlSource } from './yaml-source';

/** Reads a file named in `include:`; throws Node's errors (`code: 'ENOENT'`, …). */
export type ReadConfigFile = (path: string) => string;

export interface MergedConfig {
  /** The config with every included file merged in and `include` removed. */
  data: Record<string, unknown>;
  locator: ConfigLocator;
  /** Top-level keys that only hold anchors in the file they come from. */
  anchorKeys: ReadonlySet<string>;
  /** Top-level keys an included file replaced, and the file they were in before, for a warning each. */
  replaced: readonly { key: string; previous: string }[];
}

/** One stretch of a top-level value and the file it came from (lists are appended to across files). */
interface Piece {
  source: YamlSource;
  start: number;
}

interface PendingInclude {
  entry: unknown;
  from: YamlSource;
  index: number;
}

/**
 * LiteLLM's `include:` (proxy_server.py, `ProxyConfig._process_includes`): a list of paths, each
 * joined to the folder of the main config. For every top-level key of an included file, a list
 * is appended to the list already there (so model_list entries add up, in include order) and any
 * other value replaces the one before, whole. An included file's own `include:` list is appended
 * to the main list and processed after it, its paths still relative to the main config's folder.
 * Where LiteLLM crashes, hangs (a file included twice, so files that include each other) or
 * silently drops something, this is a ConfigError naming the file and line of the include entry.
 */
export function resolveIncludes(main: YamlSource, read: ReadConfigFile): MergedConfig {
  const data: Record<string, unknown> = { ...(main.data as Record<string, unknown>) };
  const origins = new Map<string, Piece[]>(Object.keys(data).map((key) => [key, [{ source: main, start: 0 }]]));
  const replaced: { key: string; previous: string }[] = [];
  const pending: PendingInclude[] = [];
  const loaded = new Map<string, { from: YamlSource; index: number }>();
  if ('include' in data) pending.push(...includeEntries(data['include'], main));
  delete data['include'];

  for (const item of pending) {
    const included = loadInclude(item, main, loaded, read);
    for (const [key, value] of Object.entries(included.data as Record<string, unknown>)) {
      if (key === 'include') {
        pending.push(...includeEntries(value, included));
        continue;
      }
      const pieces = origins.get(key);
      const previous = pieces?.[0]?.source;
      if (Array.isArray(value) && previous !== undefined) {
        const existing = data[key];
        if (!Array.isArray(existing)) throw notAList(key, included, previous);
        data[key] = [...existing, ...value];
        pieces!.push({ source: included, start: existing.length });
        continue;
      }
      if (previous !== undefined && !previous.anchorKeys.has(key) && !included.anchorKeys.has(key)) {
        replaced.push({ key, previous: previous.file });
      }
      data[key] = value;
      origins.set(key, [{ source: included, start: 0 }]);
    }
  }

  const anchorKeys = new Set([...origins].filter(([key, pieces]) => pieces[0]!.source.anchorKeys.has(key)).map(([key]) => key));
  return { data, locator: { main: main.file, locate: (path) => locate(origins, main, path) }, anchorKeys, replaced };
}

function includeEntries(value: unknown, from: YamlSource): PendingInclude[] {
  if (!Array.isArray(value)) {
    const location = locationIn(from, ['include']);
    throw new ConfigError(`${prefix(location)} must be a list of file paths, e.g. include: [models.yaml]; LiteLLM refuses anything else.`, errorWhere(location));
  }
  return value.map((entry, index) => ({ entry, from, index }));
}

function locationIn(source: YamlSource, path: ConfigPath): ConfigLocation {
  return { file: source.file, path, ...source.positionOf(path) };
}

/** `config.yaml: include[1] (line 3)`. */
function prefix(location: ConfigLocation): string {
  const line = lineText(location);
  return `${location.file}: ${formatPath(location.path)}${line === '' ? '' : ` (${line})`}`;
}

function loadInclude(item: PendingInclude, main: YamlSource, loaded: Map<string, { from: YamlSource; index: number }>, read: ReadConfigFile): YamlSource {
  const location = locationIn(item.from, ['include', item.index]);
  const where = prefix(location);
  const errorAt = errorWhere(location);
  if (typeof item.entry !== 'string' || item.entry.trim() === '') {
    throw new ConfigError(`${where} must be the path of a YAML file, relative to the folder of ${main.file}.`, errorAt);
  }
  const file = isAbsolute(item.entry) ? item.entry : join(dirname(main.file), item.entry);
  const identity = resolve(file);
  const earlier = identity === resolve(main.file) ? 'it is the config itself' : describeEarlier(loaded.get(identity));
  if (earlier !== undefined) {
    throw new ConfigError(`${where} names ${file} again (${earlier}); include each file once. LiteLLM would load it twice, or loop forever when files include each other.`, errorAt);
  }
  loaded.set(identity, { from: item.from, index: item.index });
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    const nested = item.from === main ? '' : ' (in an included file too, as in LiteLLM)';
    throw new ConfigError(`${where}: included file ${file} ${readFailure(error)}; paths in include: are relative to the folder of ${main.file}${nested}.`, errorAt);
  }
  const included = parseYamlSource(text, file);
  // LiteLLM reads an empty file as {}; anything but a mapping makes it crash.
  if (included.data == null) return { ...included, data: {} };
  if (!isRecord(included.data)) {
    const found = Array.isArray(included.data) ? 'a list' : 'a single value';
    throw new ConfigError(`${file}: an included file must be a mapping of config keys such as model_list:, but it is ${found} (named by ${includeRef(item.from, item.index)}).`, { file });
  }
  return included;
}

function describeEarlier(earlier: { from: YamlSource; index: number } | undefined): string | undefined {
  return earlier === undefined ? undefined : `already included by ${includeRef(earlier.from, earlier.index)}`;
}

/** `config.yaml include[1], line 3`. */
function includeRef(from: YamlSource, index: number): string {
  const line = from.positionOf(['include', index]).line;
  return `${from.file} include[${index}]${line === undefined ? '' : `, line ${line}`}`;
}

function notAList(key: string, included: YamlSource, previous: YamlSource): ConfigError {
  const location = locationIn(included, [key]);
  const previousLine = lineText(locationIn(previous, [key]));
  const before = `${key} in ${previous.file}${previousLine === '' ? '' : ` (${previousLine})`}`;
  return new ConfigError(
    `${prefix(location)} is a list, but ${before} is not, so the entries cannot be appended (LiteLLM fails here too); make both lists, or keep ${key} in one file.`,
    errorWhere(location),
  );
}

/** A path of the merged config → the file it came from and the path and line inside that file. */
function locate(origins: ReadonlyMap<string, Piece[]>, main: YamlSource, path: ConfigPath): ConfigLocation {
  const [key, index] = path;
  const pieces = key === undefined ? undefined : origins.get(String(key));
  if (pieces === undefined) return { file: main.file, path, ...main.positionOf(path) };
  let piece = pieces[0]!;
  let local = path;
  if (typeof index === 'number') {
    piece = pieces.findLast((candidate) => candidate.start <= index) ?? piece;
    local = [key!, index - piece.start, ...path.slice(2)];
  }
  return { file: piece.source.file, path: local, ...piece.source.positionOf(local) };
}
