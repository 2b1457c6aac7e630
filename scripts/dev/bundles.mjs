// `pnpm dev` runs the esbuild bundles; this rebuilds them (scripts/build.mjs) when one is
// missing or older than a source it is built from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DevError } from './dev-error.mjs';

export const BUNDLES = { api: 'apps/api/dist/main.js', worker: 'apps/worker/dist/main.js', fakes: 'test/fakes/dist/main.js' };
const SOURCES = ['apps/api/src', 'apps/worker/src', 'packages', 'test/fakes', 'scripts/build.mjs', 'pnpm-lock.yaml'];
const SKIPPED = new Set(['node_modules', 'dist', 'coverage']);
/** Bounds the walk; the repository has about a thousand source files. */
const MAX_FILES = 50_000;

function newestSource(root) {
  let newest = { path: '', mtimeMs: 0 };
  let seen = 0;
  const visit = (relative) => {
    const full = join(root, relative);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(full)) if (!SKIPPED.has(entry) && seen < MAX_FILES) visit(join(relative, entry));
      return;
    }
    seen += 1;
    if (/\.test\.ts$/.test(relative) || !/\.(ts|mts|js|mjs|json|yaml)$/.test(relative)) return;
    if (stat.mtimeMs > newest.mtimeMs) newest = { path: relative, mtimeMs: stat.mtimeMs };
  };
  SOURCES.forEach(visit);
  return newest;
}

/** Why the bundles need a build, or undefined when every wanted one is newer than every source. */
export function staleBundles(root, names) {
  const missing = names.map((name) => BUNDLES[name]).filter((path) => !existsSync(join(root, path)));
  if (missing.length > 0) return `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`;
  const oldest = names.map((name) => ({ path: BUNDLES[name], mtimeMs: statSync(join(root, BUNDLES[name])).mtimeMs })).sort((a, b) => a.mtimeMs - b.mtimeMs)[0];
  const source = newestSource(root);
  return source.mtimeMs > oldest.mtimeMs ? `${oldest.path} is older than ${source.path}` : undefined;
}

export function buildBundles(root, reason) {
  console.log(`reelay dev: building the bundles (${reason}): node scripts/build.mjs`);
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
  if (result.error) throw new DevError(`the build could not run: ${result.error.message}`);
  if (result.status !== 0) throw new DevError('the build failed (its errors are above); fix them and run pnpm dev again.');
}
