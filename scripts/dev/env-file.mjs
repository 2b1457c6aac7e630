// The `.env` of docker compose, read for `pnpm dev` without a dependency: NAME=value lines,
// `export ` allowed, # comments, '…' taken as written, "…" with \n, \" and \\ escapes.
// Multi-line values are not supported (compose accepts them; nothing reelay reads needs one).
import { existsSync, readFileSync } from 'node:fs';
import { DevError, shown } from './dev-error.mjs';

/** The variables of the file at `path`, or undefined when there is none. */
export function readEnvFile(path) {
  if (!existsSync(path)) return undefined;
  return parseEnvFile(readFileSync(path, 'utf8'), shown(path));
}

export function parseEnvFile(text, name = '.env') {
  const values = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new DevError(`${name} line ${index + 1}: expected NAME=value, got: ${line}`);
    values[match[1]] = value(match[2], `${name} line ${index + 1}`);
  });
  return values;
}

function value(raw, where) {
  if (raw.startsWith("'")) {
    const quoted = /^'([^']*)'\s*(#.*)?$/.exec(raw);
    if (!quoted) throw new DevError(`${where}: the ' quote is not closed`);
    return quoted[1];
  }
  if (raw.startsWith('"')) {
    const quoted = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(raw);
    if (!quoted) throw new DevError(`${where}: the " quote is not closed`);
    return quoted[1].replace(/\\(.)/g, (_, char) => (char === 'n' ? '\n' : char));
  }
  // As in compose, an unquoted # starts a comment only after white space.
  return raw.replace(/\s+#.*$/, '').trim();
}
