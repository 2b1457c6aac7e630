/**
 * Just enough Dockerfile and pnpm-workspace reading to check the image without a Docker
 * engine (CI has none): stages, their COPY instructions, and the manifests pnpm install needs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { parse } from 'yaml';
import { readRepoFile, repoPath } from './compose-file';

export interface DockerfileStage {
  from: string;
  lines: string[];
}

/** Dockerfile instructions (continuations joined, comments dropped), split by stage. */
export function dockerfileStages(path: string): DockerfileStage[] {
  const joined = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages: DockerfileStage[] = [];
  for (const line of joined.split('\n').map((l) => l.trim()).filter(Boolean)) {
    if (/^FROM\s/i.test(line)) stages.push({ from: line, lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

/** COPY sources and destination (resolved against the stage's WORKDIR); flags skipped. */
export function copies(stage: DockerfileStage): { from: string | undefined; parents: boolean; sources: string[]; dest: string }[] {
  let workdir = '/';
  const result: { from: string | undefined; parents: boolean; sources: string[]; dest: string }[] = [];
  for (const line of stage.lines) {
    const [instruction = '', ...args] = line.split(/\s+/);
    if (/^WORKDIR$/i.test(instruction)) workdir = posix.resolve(workdir, args[0] ?? '/');
    if (!/^COPY$/i.test(instruction)) continue;
    const from = args.find((arg) => arg.startsWith('--from='))?.slice('--from='.length);
    const paths = args.filter((arg) => !arg.startsWith('--'));
    const dest = paths.pop() ?? '';
    result.push({ from, parents: args.includes('--parents'), sources: paths, dest: posix.resolve(workdir, dest) });
  }
  return result;
}

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/^\.\//, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}$`);
}

/** Workspace package.json paths from pnpm-workspace.yaml (patterns `dir` or `dir/*`). */
export function workspaceManifests(): string[] {
  const workspace = parse(readRepoFile('pnpm-workspace.yaml')) as { packages: string[] };
  const manifests: string[] = [];
  for (const pattern of workspace.packages) {
    const dirs = pattern.endsWith('/*')
      ? readdirDirs(pattern.slice(0, -2)).map((dir) => `${pattern.slice(0, -2)}/${dir}`)
      : [pattern];
    for (const dir of dirs) if (existsSync(repoPath(dir, 'package.json'))) manifests.push(`${dir}/package.json`);
  }
  return manifests;
}

function readdirDirs(dir: string): string[] {
  if (!existsSync(repoPath(dir))) return [];
  return readdirSync(repoPath(dir)).filter((name) => statSync(repoPath(dir, name)).isDirectory());
}
