import { isMap, isNode, isScalar, visit, type Document } from 'yaml';

/**
 * Top-level keys that exist to hold YAML anchors, so an unknown-key warning would be noise:
 * keys starting with `x-` (docker compose's convention for extension fields) and keys whose
 * value holds an anchor that an alias in the same file uses. LiteLLM ignores top-level keys it
 * does not read, so both load there too. A misspelt section nobody points at still gets its
 * warning.
 */
export function anchorHolderKeys(document: Document): Set<string> {
  const keys = new Set<string>();
  if (!isMap(document.contents)) return keys;
  const used = new Set<string>();
  visit(document, { Alias: (_, alias) => void used.add(alias.source) });
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || typeof pair.key.value === 'symbol') continue;
    const key = String(pair.key.value);
    if (key.startsWith('x-') || holdsUsedAnchor(pair.value, used)) keys.add(key);
  }
  return keys;
}

function holdsUsedAnchor(value: unknown, used: ReadonlySet<string>): boolean {
  if (!isNode(value) || used.size === 0) return false;
  let found = false;
  visit(value, (_, node) => {
    if (isNode(node) && node.anchor !== undefined && used.has(node.anchor)) {
      found = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}
