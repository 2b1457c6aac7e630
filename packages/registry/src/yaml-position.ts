import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Pair } from 'yaml';
import type { ConfigPath } from './config-path';

/** Source offsets of a config path inside one parsed file. */
export interface YamlOffsets {
  /**
   * The key (or list item) at the path, or the nearest one above it that is written in place.
   * A value that arrives through an alias or a `<<` merge key points at the alias (or the `<<`
   * line) inside the entry that uses it: that is the entry the problem belongs to.
   */
  offset?: number;
  /** Set when the value comes through an alias: the innermost anchor and the key written inside it. */
  via?: { anchor: string; offset?: number };
}

/**
 * Walks the document's nodes along a path of the loaded data (which has aliases and merge keys
 * resolved), so a message can name the line where a value really is.
 */
export function offsetsOf(document: Document, path: ConfigPath): YamlOffsets {
  const found: YamlOffsets = {};
  const mark = (offset: number | undefined) => {
    if (offset === undefined) return;
    if (found.via === undefined) found.offset = offset;
    else found.via.offset = offset;
  };
  let node: unknown = document.contents;
  for (const segment of path) {
    if (isAlias(node)) {
      found.via = { anchor: node.source };
      node = node.resolve(document);
    }
    if (isMap(node)) {
      const pair = node.items.find((item) => isPlainKey(item, segment));
      if (pair !== undefined) {
        mark(keyOffset(pair));
        node = pair.value;
        continue;
      }
      const merged = mergedPair(document, node.items, segment);
      if (merged === undefined) return found;
      mark(keyOffset(merged.mergeKey));
      if (merged.anchor !== undefined) found.via = { anchor: merged.anchor };
      mark(keyOffset(merged.pair));
      node = merged.pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range === undefined) return found;
      mark(range[0]);
    } else {
      return found;
    }
  }
  return found;
}

function isPlainKey(pair: Pair, segment: string | number): boolean {
  return isScalar(pair.key) && typeof pair.key.value !== 'symbol' && String(pair.key.value) === String(segment);
}

function keyOffset(pair: Pair): number | undefined {
  return isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && typeof pair.key.value === 'symbol' && pair.key.value.description === '<<';
}

/**
 * The pair a `<<` merge key brought in for `segment`. As in PyYAML (and `yaml`'s merge), keys
 * written in the map win over merged ones, and in `<<: [*a, *b]` the earlier source wins.
 * A merged map may merge others in turn; the anchor named is the innermost one.
 */
function mergedPair(document: Document, items: readonly Pair[], segment: string | number, depth = 0): { mergeKey: Pair; pair: Pair; anchor?: string } | undefined {
  if (depth > 20) return undefined;
  for (const mergeKey of items.filter(isMergeKey)) {
    const value = mergeKey.value;
    const sources = isSeq(value) ? value.items : [value];
    for (const source of sources) {
      const map = isAlias(source) ? source.resolve(document) : source;
      if (!isMap(map)) continue;
      const anchor = isAlias(source) ? source.source : undefined;
      const pair = map.items.find((item) => isPlainKey(item, segment));
      const inner = pair === undefined ? mergedPair(document, map.items, segment, depth + 1) : undefined;
      const found = pair ?? inner?.pair;
      if (found === undefined) continue;
      const innermost = inner?.anchor ?? anchor;
      return innermost === undefined ? { mergeKey, pair: found } : { mergeKey, pair: found, anchor: innermost };
    }
  }
  return undefined;
}

/** Offset of the first `<<` whose value is not a mapping (or an alias of one), for the error's line. */
export function badMergeOffset(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Pair: (_, pair) => {
      if (!isPair(pair) || !isMergeKey(pair)) return undefined;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      if (sources.every((source) => isMap(isAlias(source) ? source.resolve(document) : source))) return undefined;
      offset = keyOffset(pair);
      return visit.BREAK;
    },
  });
  return offset;
}
