// `.reelay-dev/dev.json`: the pid of the running `pnpm dev`, its api URL and its children, so a
// second start says who runs instead of failing on a port. Taken with link(2), which fails when
// the file exists and never shows a half-written one.
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { DevError, shown } from './dev-error.mjs';

/**
 * Whether `pid` runs and, where /proc tells, is not a zombie waiting for a parent that never
 * reaps it and has `marker` in its command line (a reused pid is another program).
 */
export function isAlive(pid, marker) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true;
  }
  if (/^\d+ \(.*\) Z/.test(stat)) return false;
  try {
    return !marker || readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return true;
  }
}

/** What the command line of `pnpm dev` holds. */
const DEV_MARKER = 'dev.mjs';

function readState(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function writeAtomically(path, state) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  return temporary;
}

/**
 * `{ held: true, state, stale }` once this process holds the file (`stale`: what a dead run left,
 * whose children may still run), or `{ held: false, other }` while a live run holds it.
 */
export function takeStateFile(path, state) {
  let stale;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const temporary = writeAtomically(path, state);
    try {
      linkSync(temporary, path);
      return { held: true, stale };
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
    const other = readState(path);
    if (other && isAlive(other.pid, DEV_MARKER)) return { held: false, other };
    stale = other;
    try {
      unlinkSync(path);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  throw new DevError(`could not take ${shown(path)}: another pnpm dev keeps starting; try again`);
}

/** Rewrites the file this process holds (the children as they start). */
export function updateStateFile(path, state) {
  renameSync(writeAtomically(path, state), path);
}

export function releaseStateFile(path) {
  const current = readState(path);
  if (current && current.pid !== process.pid) return;
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Children a dead run recorded that still run. */
export function leftoverChildren(stale) {
  return (stale?.children ?? []).filter((child) => isAlive(child.pid, child.marker));
}
