import { LineCounter, parseDocument } from 'yaml';
import { anchorHolderKeys } from './anchor-keys';
import { ConfigError } from './config-error';
import type { ConfigPath } from './config-path';
import { badMergeOffset, offsetsOf } from './yaml-position';

/** Where a config path is written in one file (1-based lines). */
export interface YamlPosition {
  /** Line of the key (or list item), or of the alias / `<<` that brought its value into the entry. */
  line?: number;
  /** When the value came through an alias: the anchor and the line of the key inside it. */
  via?: { anchor: string; line?: number };
}

export interface YamlSource {
  /** The file name used in messages. */
  file: string;
  /** The document as plain data (maps → objects, sequences → arrays, aliases and `<<` resolved). */
  data: unknown;
  /** Where the value at `path` is written; empty when not found. */
  positionOf(path: ConfigPath): YamlPosition;
  /** Top-level keys that only hold anchors (see `anchorHolderKeys`). */
  anchorKeys: ReadonlySet<string>;
}

/**
 * Parses YAML text as LiteLLM's PyYAML `safe_load` reads it where configs rely on it: anchors,
 * aliases and `<<` merge keys (a YAML 1.1 feature `yaml` enables with `merge: true`). A syntax
 * error becomes a one-line ConfigError such as
 * `config.yaml line 5, column 3: Implicit keys need to be on a single line`.
 */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, merge: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const position = error.linePos?.[0];
    const where = position === undefined ? file : `${file} line ${position.line}, column ${position.col}`;
    throw new ConfigError(`${where}: ${shortReason(error.message)}`, position ? { file, line: position.line } : { file });
  }
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 1000 });
  } catch (caught) {
    // "Merge sources must be maps or map aliases" (also for an alias to no anchor), too many aliases.
    const line = lineOf(badMergeOffset(document));
    const where = line === undefined ? file : `${file} line ${line}`;
    throw new ConfigError(`${where}: ${(caught as Error).message.replace(/\.?$/, '.')}`, line === undefined ? { file } : { file, line });
  }
  return {
    file,
    data,
    anchorKeys: anchorHolderKeys(document),
    positionOf: (path) => {
      const offsets = offsetsOf(document, path);
      const position: YamlPosition = {};
      const line = lineOf(offsets.offset);
      if (line !== undefined) position.line = line;
      if (offsets.via !== undefined) {
        const viaLine = lineOf(offsets.via.offset);
        position.via = viaLine === undefined ? { anchor: offsets.via.anchor } : { anchor: offsets.via.anchor, line: viaLine };
      }
      return position;
    },
  };
}

/** yaml's messages carry "at line X, column Y:" and a code excerpt; keep the first sentence. */
function shortReason(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}
