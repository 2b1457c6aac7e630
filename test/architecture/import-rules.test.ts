import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of README "Which parts may import which", read from the source itself:
 * every `import`/`export … from` of apps/ and packages/ (tests and test helpers excluded) is
 * resolved to a file, and each rule lists the imports that break it with file and line.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Edge {
  from: string;
  line: number;
  specifier: string;
  /** The file it resolves to (repo-relative), for relative and @reelay/* imports. */
  to?: string;
  /** `import type` / `export type`: gone at run time. */
  typeOnly: boolean;
  /** Names imported, for `import { a, b } from`. */
  names: string[];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'testing') continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('-test-kit.ts')) out.push(path);
  }
  return out;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

function workspaceEntry(specifier: string): string | undefined {
  const match = /^@reelay\/([^/]+)(?:\/(.+))?$/.exec(specifier);
  if (!match) return undefined;
  const [, name, sub] = match;
  for (const base of ['packages', 'apps']) {
    const manifest = join(ROOT, base, name!, 'package.json');
    if (!existsSync(manifest)) continue;
    const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, string> }).exports ?? { '.': './src/index.ts' };
    const target = exports[sub === undefined ? '.' : `./${sub}`];
    return target === undefined ? `${base}/${name}/<no export ./${sub}>` : relative(ROOT, join(ROOT, base, name!, target));
  }
  return `<unknown workspace package ${specifier}>`;
}

function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    const base = resolve(dirname(fromFile), specifier);
    for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
    }
    return relative(ROOT, `${base}.ts`);
  }
  return workspaceEntry(specifier);
}

function edgesOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const edges: Edge[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[4] ?? match[5] ?? match[6]!;
    const clause = match[3] ?? '';
    const names = [...clause.replace(/^[^{]*\{|\}[^}]*$/g, ' ').matchAll(/(?:type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+[\w$]+)?/g)].map((m) => m[1]!);
    edges.push({
      from: relative(ROOT, file),
      line: text.slice(0, match.index).split('\n').length,
      specifier,
      to: resolveSpecifier(file, specifier),
      typeOnly: match[2] !== undefined,
      names: clause.includes('{') ? names : [],
    });
  }
  return edges;
}

const files = [...sourceFiles(join(ROOT, 'packages')), ...sourceFiles(join(ROOT, 'apps'))];
const edges = files.flatMap(edgesOf);
const edgesFrom = new Map<string, Edge[]>();
for (const edge of edges) edgesFrom.set(edge.from, [...(edgesFrom.get(edge.from) ?? []), edge]);

const partOf = (path: string) => /^(apps|packages)\/([^/]+)\//.exec(path)?.slice(1, 3).join('/') ?? path;
const show = (edge: Edge) => `${edge.from}:${edge.line} imports ${edge.specifier}`;
const isAdapterModule = (path: string) => /^packages\/providers\/src\/(?:[^/]+\/[^/]+-(?:video|chat)-model|video-adapters)\.ts$/.test(path);

/** Other workspace packages each package may import; apps may import any package, never each other. */
const ALLOWED_PACKAGE_DEPS: Readonly<Record<string, readonly string[]>> = {
  'packages/providers': [],
  'packages/jobs': [],
  'packages/storage': [],
  'packages/egress': [],
  'packages/webhooks': ['packages/egress'],
  'packages/registry': ['packages/providers'],
  'packages/limits': ['packages/registry'],
  // The probes of `reelay doctor --live` and GET /health: a call per deployment through its adapter.
  'packages/probes': ['packages/providers', 'packages/registry'],
};

/** The files a file loads at run time, following value imports only. */
function runtimeClosure(start: string[]): Map<string, Edge[]> {
  const reached = new Map<string, Edge[]>(start.map((file) => [file, []]));
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const edge of edgesFrom.get(file) ?? []) {
      if (edge.typeOnly || edge.to === undefined || reached.has(edge.to)) continue;
      reached.set(edge.to, [...reached.get(file)!, edge]);
      queue.push(edge.to);
    }
  }
  return reached;
}

describe('architecture: which parts may import which', () => {
  it('reads a real import graph (the rules below would pass on an empty one)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from.startsWith('apps/api/') && e.specifier === '@reelay/registry')).toBe(true);
    expect(edges.some((e) => e.from === 'packages/registry/src/provider-prefix.ts' && e.to === 'packages/providers/src/catalog/index.ts')).toBe(true);
    expect(edges.filter((e) => e.to?.includes('<')).map(show)).toEqual([]);
  });

  it('a package never imports an app', () => {
    const broken = edges.filter((e) => e.from.startsWith('packages/') && (e.to?.startsWith('apps/') || /^@reelay\/(api|worker)\b/.test(e.specifier)));
    expect(broken.map(show)).toEqual([]);
  });

  it('packages import only the packages below them, and apps never import each other', () => {
    const broken = edges.filter((e) => {
      if (e.to === undefined || !/^(apps|packages)\//.test(e.to)) return false;
      const from = partOf(e.from);
      const to = partOf(e.to);
      if (from === to) return false;
      if (from.startsWith('apps/')) return to.startsWith('apps/');
      return !(ALLOWED_PACKAGE_DEPS[from] ?? []).includes(to);
    });
    expect(broken.map(show)).toEqual([]);
  });

  it('an adapter (anything in packages/providers) knows nothing of limits, jobs, storage, Redis, express or bullmq', () => {
    const forbidden = /^(?:@reelay\/(?:limits|jobs|storage|webhooks|registry)|express|bullmq|ioredis|@aws-sdk\/.*)$/;
    const broken = edges.filter((e) => e.from.startsWith('packages/providers/') && forbidden.test(e.specifier));
    expect(broken.map(show)).toEqual([]);
  });

  it('the registry never loads an adapter: it reads prefixes and modes from @reelay/providers/catalog', () => {
    const closure = runtimeClosure(files.map((f) => relative(ROOT, f)).filter((f) => f.startsWith('packages/registry/')));
    const adapters = [...closure].filter(([file]) => isAdapterModule(file));
    expect(adapters.map(([file, path]) => `${file}, reached by ${path.map(show).join(' → ')}`)).toEqual([]);
    // The walk does reach the catalog, so an adapter import behind it would have been seen.
    expect(closure.has('packages/providers/src/catalog/vendor-catalog.ts')).toBe(true);
  });

  it('the api never constructs a video adapter: it uses the catalog and the contract', () => {
    const adapterNames = /^(?:videoAdapters|create\w*(?:Video|Chat)Model)$/;
    const broken = edges.filter(
      (e) => e.from.startsWith('apps/api/') && (e.names.some((name) => adapterNames.test(name)) || (e.to !== undefined && isAdapterModule(e.to))),
    );
    expect(broken.map(show)).toEqual([]);
  });
});
