/**
 * The image docker-compose.yml builds cannot be built in CI (no Docker engine), so this reads
 * the Dockerfile and .dockerignore instead: every bundle a service runs is built and shipped,
 * the default CMD is the api, pnpm install sees every workspace manifest, and the build
 * context stays clean. Each check is something that would break `docker compose up --build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROCESS_SCRIPTS, readRepoFile, repoPath, rootPackage, service, tokens } from '../support/compose-file';
import { copies, dockerfileStages, globToRegExp, workspaceManifests } from '../support/dockerfile';
import { REPO_ROOT } from '../support/processes';
import { UI_PACKAGES } from '../../apps/api/src/http/ui-assets';

describe('docker-compose.yml', () => {
  it('the image builds every bundle a command runs and ships it in the runtime stage', () => {
    const buildScript = readRepoFile('scripts/build.mjs');
    for (const [name] of Object.entries(PROCESS_SCRIPTS)) {
      const build = service(name).build;
      expect(build?.dockerfile, `${name} needs build.dockerfile`).toBeDefined();
      const dockerfile = join(REPO_ROOT, build?.context ?? '.', build!.dockerfile!);
      expect(existsSync(dockerfile), `${dockerfile} must exist`).toBe(true);

      const stages = dockerfileStages(dockerfile);
      const runtime = stages.at(-1)!;
      const buildStage = stages.find((stage) => stage.lines.some((line) => /^RUN\s+pnpm\s+(run\s+)?build\b/.test(line)));
      expect(buildStage, 'a stage must run pnpm build').toBeDefined();

      const [node, entry] = tokens(service(name).command);
      expect(node).toBe('node');
      expect(buildScript, `scripts/build.mjs must write ${entry}`).toContain(`'${entry}'`);
      const inContainer = posix.resolve('/app', entry!);
      const shipped = copies(runtime).some(
        ({ from, dest }) => from !== undefined && (inContainer === dest || inContainer.startsWith(`${dest}/`)),
      );
      expect(shipped, `the runtime stage must COPY --from=<build> the bundle ${entry}`).toBe(true);
      // Bundles are ESM .js files: the root package.json ("type": "module") must be there too.
      expect(copies(runtime).some(({ dest }) => dest === '/app/package.json')).toBe(true);
      expect(runtime.lines.find((line) => /^WORKDIR\s/i.test(line))).toBe('WORKDIR /app');
      expect(runtime.lines.some((line) => /^USER\s+node$/i.test(line)), 'run as the unprivileged node user').toBe(true);
      expect(runtime.lines.some((line) => /^(ENV|ARG)\s+\S*(KEY|SECRET|PASSWORD)/i.test(line)), 'no secrets baked into the image').toBe(false);
    }
  });

  it("the api's browser UIs, copied beside its bundle by scripts/build.mjs, ship in the runtime stage", () => {
    // apps/api/src/http/ui-assets.ts reads each from apps/api/dist/ui/<name>: esbuild bundles no HTML, EJS or CSS.
    const buildScript = readRepoFile('scripts/build.mjs');
    const copied = [...buildScript.matchAll(/'(apps\/api\/dist\/ui\/[^']+)'/g)].map((match) => match[1]);
    expect(copied.sort()).toEqual(Object.keys(UI_PACKAGES).map((name) => `apps/api/dist/ui/${name}`).sort());
    const runtime = dockerfileStages(repoPath(service('api').build!.dockerfile!)).at(-1)!;
    for (const folder of copied) {
      const inContainer = posix.resolve('/app', folder!);
      const shipped = copies(runtime).some(({ from, dest }) => from !== undefined && (inContainer === dest || inContainer.startsWith(`${dest}/`)));
      expect(shipped, `the runtime stage must COPY --from=<build> ${folder} (or a folder holding it)`).toBe(true);
    }
  });

  it('the image CMD defaults to the api, and every workspace package.json reaches pnpm install', () => {
    const dockerfile = repoPath(service('api').build!.dockerfile!);
    const stages = dockerfileStages(dockerfile);
    const cmd = stages.at(-1)!.lines.find((line) => /^CMD\s/i.test(line));
    expect(JSON.parse(cmd!.replace(/^CMD\s+/i, ''))).toEqual(tokens(rootPackage.scripts['start:api']));

    const install = stages.find((stage) => stage.lines.some((line) => /pnpm install .*--frozen-lockfile/.test(line)))!;
    expect(install, 'a stage must run pnpm install --frozen-lockfile').toBeDefined();
    const installCopies = copies(install);
    if (installCopies.some(({ parents }) => parents)) {
      // COPY --parents is stable from Dockerfile syntax 1.20; older frontends reject it.
      const syntax = /^#\s*syntax=(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:(\d+)\.(\d+)/.exec(readFileSync(dockerfile, 'utf8'));
      expect(syntax, 'COPY --parents needs a # syntax=docker/dockerfile:1.20 (or later) first line').not.toBeNull();
      expect(Number(syntax![1]) * 1000 + Number(syntax![2])).toBeGreaterThanOrEqual(1020);
    }
    // Without --parents, COPY apps/*/package.json flattens every match into one file.
    for (const { parents, sources } of installCopies) {
      for (const source of sources) {
        if (/\*.*\//.test(source)) expect(parents, `COPY ${source} needs --parents to keep each package's directory`).toBe(true);
      }
    }
    const copied = installCopies.flatMap(({ sources }) => sources);
    // --frozen-lockfile needs the manifest of every importer in the lockfile.
    const lockfile = parse(readRepoFile('pnpm-lock.yaml')) as { importers: Record<string, unknown> };
    const importerManifests = Object.keys(lockfile.importers)
      .filter((dir) => dir !== '.')
      .map((dir) => `${dir}/package.json`);
    const manifests = [...new Set([...workspaceManifests(), ...importerManifests])];
    for (const required of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc', ...manifests]) {
      expect(
        copied.some((source) => globToRegExp(source).test(required)),
        `${required} must be copied before pnpm install`,
      ).toBe(true);
    }
  });

  it('.dockerignore keeps host node_modules, dist and .env out of the build context', () => {
    const patterns = readRepoFile('.dockerignore').split('\n').map((line) => line.trim());
    expect(patterns).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.env']));
  });
});
