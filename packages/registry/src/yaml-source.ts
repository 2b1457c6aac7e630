import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { ConfigError } from './config-error';
import type { ConfigPath } from './config-path';

export interface YamlSource {
  /** The document as plain data (maps → objects, sequences → arrays). */
  data: unknown;
  /** 1-based line of the key (or list item) at `path`, for messages; undefined if not found. */
  lineOf(path: ConfigPath): number | undefined;
}

/**
 * Parses YAML text. A syntax error becomes a one-line ConfigError such as
 * `config.yaml line 5, column 3: Implicit keys need to be on a single line`.
 */
export function parseYamlSource(text: string, source: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const position = error.linePos?.[0];
    const where = position === undefined ? source : `${source} line ${position.line}, column ${position.col}`;
    throw new ConfigError(`${where}: ${shortReason(error.message)}`, position ? { line: position.line } : {});
  }
  return {
    data: document.toJS({ maxAliasCount: 1000 }),
    lineOf: (path) => {
      const offset = offsetOf(document, path);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

/** yaml's messages carry "at line X, column Y:" and a code excerpt; keep the first sentence. */
function shortReason(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

function offsetOf(document: Document, path: ConfigPath): number | undefined {
  let node: unknown = document.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) return offset;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range === undefined) return offset;
      offset = range[0];
    } else {
      return offset;
    }
  }
  return offset;
}
