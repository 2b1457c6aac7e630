/**
 * docker-compose.yml read the way `docker compose` reads it, for the tests that check it
 * against the repository (compose.test.ts) and against the image it builds (dockerfile.test.ts).
 * Only what our compose file uses is modelled; an interpolation form it does not handle
 * throws, so a new compose feature fails a test instead of passing on a wrong reading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './processes';

export type Env = Record<string, string>;

export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const repoPath = (...parts: string[]) => join(REPO_ROOT, ...parts);
export const readRepoFile = (...parts: string[]) => readFileSync(repoPath(...parts), 'utf8');

export const composeText = readRepoFile('docker-compose.yml');
export const compose = parse(composeText, { merge: true }) as ComposeFile;
export const rootPackage = JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> };

export function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/**
 * Compose interpolation of one value: `$$` is a literal `$`; `${NAME}`, `$NAME`,
 * `${NAME:-default}` (unset or empty → default) and `${NAME-default}` (unset → default).
 */
export function interpolate(value: string, env: Env): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced: string | undefined, operator: string | undefined, operand: string | undefined, bare: string | undefined) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare)!;
      const current = env[name];
      if (operator === undefined) return current ?? '';
      if (operator === ':-') return current ? current : (operand ?? '');
      if (operator === '-') return current ?? operand ?? '';
      throw new Error(`interpolate: ${operator} in ${match} is not handled by this test; extend it`);
    },
  );
}

/** Names compose interpolates from the shell/.env (escaped `$$NAME` is the container's). */
export function interpolatedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = match[1] ?? match[2];
    if (name) names.add(name);
  }
  return names;
}

/** Defaults written as `${NAME:-default}` in the compose file. */
export function composeDefaults(text: string): Map<string, Set<string>> {
  const defaults = new Map<string, Set<string>>();
  for (const match of text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}/g)) {
    const [, name, value] = match as unknown as [string, string, string];
    defaults.set(name, (defaults.get(name) ?? new Set()).add(value));
  }
  return defaults;
}

/** The environment a container of `name` gets, with compose's `environment` only (no env_file). */
export function serviceEnv(name: string, hostEnv: Env = {}): Env {
  const raw = service(name).environment ?? {};
  const entries: [string, string][] = Array.isArray(raw)
    ? raw.map((line) => {
        const at = line.indexOf('=');
        return (at === -1 ? [line, hostEnv[line] ?? ''] : [line.slice(0, at), line.slice(at + 1)]) as [string, string];
      })
    : Object.entries(raw).map(([key, value]) => [key, value === null ? (hostEnv[key] ?? '') : String(value)]);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value, hostEnv)]));
}

export function tokens(value: string[] | string | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : value.trim().split(/\s+/);
}

export function dependsOn(name: string): Record<string, string | undefined> {
  const raw = service(name).depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((dep) => [dep, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([dep, spec]) => [dep, spec?.condition ?? 'service_started']));
}

/** `KEY=value` lines of .env.example, commented-out ones included (`# KEY=value`). */
export function envExampleEntries(): { active: Env; mentioned: Set<string> } {
  const active: Env = {};
  const mentioned = new Set<string>();
  for (const line of readRepoFile('.env.example').split('\n')) {
    const match = /^\s*(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    const [, comment, key, value] = match as unknown as [string, string | undefined, string, string];
    mentioned.add(key);
    if (!comment) active[key] = value.trim();
  }
  return { active, mentioned };
}

/** A container path under /app is the repository path (the image's WORKDIR is /app). */
export function repoPathOfContainerPath(containerPath: string): string {
  expect(containerPath, 'REELAY_CONFIG must be an absolute path under /app').toMatch(/^\/app\//);
  return repoPath(containerPath.slice('/app/'.length));
}

/** The root scripts each process service must run, so `docker compose up` runs what `pnpm start:*` does. */
export const PROCESS_SCRIPTS = { api: 'start:api', worker: 'start:worker', fakes: 'start:fakes' } as const;
