/**
 * docker-compose.yml cannot run in CI (no Docker engine), so this keeps it honest against
 * everything it has to agree with: the root scripts, the Dockerfile, the env schemas, the
 * e2e environment (gatewayEnv), the demo config and .env.example. Each check is something
 * that would break `docker compose up` for a user.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { Script } from 'node:vm';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { loadRegistryFromFile } from '@reelay/registry';
import { isValidWebhookSecret, signWebhook } from '@reelay/webhooks';
import { apiEnvSchema } from '../../apps/api/src/env';
import { workerEnvSchema } from '../../apps/worker/src/env';
import { gatewayEnv } from '../support/gateway';
import { REPO_ROOT } from '../support/processes';

// gatewayEnv asks for a fresh Redis database, which flushes it; only its variable names
// matter here, so leave every database alone.
vi.mock('../support/redis', () => ({
  freshRedisUrl: async (db: number) => `redis://127.0.0.1:6379/${db}`,
}));

type Env = Record<string, string>;

interface ComposeService {
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

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const repoPath = (...parts: string[]) => join(REPO_ROOT, ...parts);
const readRepoFile = (...parts: string[]) => readFileSync(repoPath(...parts), 'utf8');

const composeText = readRepoFile('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as ComposeFile;
const rootPackage = JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> };

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/**
 * Compose interpolation of one value: `$$` is a literal `$`; `${NAME}`, `$NAME`,
 * `${NAME:-default}` (unset or empty → default) and `${NAME-default}` (unset → default).
 */
function interpolate(value: string, env: Env): string {
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
function interpolatedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = match[1] ?? match[2];
    if (name) names.add(name);
  }
  return names;
}

/** Defaults written as `${NAME:-default}` in the compose file. */
function composeDefaults(text: string): Map<string, Set<string>> {
  const defaults = new Map<string, Set<string>>();
  for (const match of text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}/g)) {
    const [, name, value] = match as unknown as [string, string, string];
    defaults.set(name, (defaults.get(name) ?? new Set()).add(value));
  }
  return defaults;
}

/** The environment a container of `name` gets, with compose's `environment` only (no env_file). */
function serviceEnv(name: string, hostEnv: Env = {}): Env {
  const raw = service(name).environment ?? {};
  const entries: [string, string][] = Array.isArray(raw)
    ? raw.map((line) => {
        const at = line.indexOf('=');
        return (at === -1 ? [line, hostEnv[line] ?? ''] : [line.slice(0, at), line.slice(at + 1)]) as [string, string];
      })
    : Object.entries(raw).map(([key, value]) => [key, value === null ? (hostEnv[key] ?? '') : String(value)]);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value, hostEnv)]));
}

function tokens(value: string[] | string | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : value.trim().split(/\s+/);
}

function dependsOn(name: string): Record<string, string | undefined> {
  const raw = service(name).depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((dep) => [dep, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([dep, spec]) => [dep, spec?.condition ?? 'service_started']));
}

/** `KEY=value` lines of .env.example, commented-out ones included (`# KEY=value`). */
function envExampleEntries(): { active: Env; mentioned: Set<string> } {
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
function repoPathOfContainerPath(containerPath: string): string {
  expect(containerPath, 'REELAY_CONFIG must be an absolute path under /app').toMatch(/^\/app\//);
  return repoPath(containerPath.slice('/app/'.length));
}

interface DockerfileStage {
  from: string;
  lines: string[];
}

/** Dockerfile instructions (continuations joined, comments dropped), split by stage. */
function dockerfileStages(path: string): DockerfileStage[] {
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
function copies(stage: DockerfileStage): { from: string | undefined; parents: boolean; sources: string[]; dest: string }[] {
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

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/^\.\//, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}$`);
}

/** Workspace package.json paths from pnpm-workspace.yaml (patterns `dir` or `dir/*`). */
function workspaceManifests(): string[] {
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

const PROCESS_SCRIPTS = { api: 'start:api', worker: 'start:worker', fakes: 'start:fakes' } as const;

describe('docker-compose.yml', () => {
  it('parses and has every service of the stack', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['redis', 'minio', 'minio-init', 'fakes', 'api', 'worker']),
    );
  });

  it('runs Redis with AOF, fsync every second and noeviction (BullMQ loses jobs under eviction), on a volume', () => {
    const args = tokens(service('redis').command);
    const option = (name: string) => args[args.indexOf(name) + 1];
    expect(args).toContain('--appendonly');
    expect(option('--appendonly')).toBe('yes');
    expect(option('--appendfsync')).toBe('everysec');
    expect(option('--maxmemory-policy')).toBe('noeviction');
    const dataVolume = (service('redis').volumes ?? []).find((volume) => volume.split(':')[1] === '/data');
    expect(dataVolume, 'redis /data must be a volume so the AOF survives a re-create').toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume!.split(':')[0]);
    expect(tokens(service('redis').healthcheck?.test)).toEqual(expect.arrayContaining(['redis-cli', 'ping']));
  });

  it.each(Object.entries(PROCESS_SCRIPTS))('%s runs exactly the root script (pnpm %s)', (name, script) => {
    const expected = rootPackage.scripts[script];
    expect(expected, `package.json has no script ${script}`).toBeDefined();
    expect(tokens(service(name).command)).toEqual(tokens(expected));
    expect(service(name).entrypoint, `${name} must not override the image entrypoint`).toBeUndefined();
  });

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
      const syntax = /^#\s*syntax=docker(?:\.io)?\/docker\/dockerfile:(\d+)\.(\d+)/.exec(readFileSync(dockerfile, 'utf8'));
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
    for (const required of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc', ...workspaceManifests()]) {
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

  it.each(['api', 'worker'])('%s env passes its real schema with no .env at all', (name) => {
    const schema = name === 'api' ? apiEnvSchema : workerEnvSchema;
    const result = schema.safeParse(serviceEnv(name, {}));
    expect(result.success, result.error?.message).toBe(true);
  });

  it.each(['api', 'worker'])('%s env passes its schema with .env.example copied to .env', (name) => {
    const schema = name === 'api' ? apiEnvSchema : workerEnvSchema;
    const result = schema.safeParse(serviceEnv(name, envExampleEntries().active));
    expect(result.success, result.error?.message).toBe(true);
  });

  it('sets every variable the e2e gateway sets (api: all of them; worker: all but PORT and HOST)', async () => {
    const e2eNames = Object.keys(await gatewayEnv(15, 'http://127.0.0.1:1/v1', 4000)).sort();
    expect(e2eNames.length).toBeGreaterThan(10);
    const apiNames = Object.keys(serviceEnv('api'));
    const workerNames = Object.keys(serviceEnv('worker'));
    expect(e2eNames.filter((key) => !apiNames.includes(key)), 'missing from the api environment').toEqual([]);
    expect(
      e2eNames.filter((key) => key !== 'PORT' && key !== 'HOST' && !workerNames.includes(key)),
      'missing from the worker environment',
    ).toEqual([]);
  });

  it('api listens on 0.0.0.0:PORT, publishes that port and probes /health/readiness on it', () => {
    const env = serviceEnv('api');
    expect(env.HOST).toBe('0.0.0.0');
    const publishedTargets = (service('api').ports ?? []).map((port) => interpolate(port, {}).split(':').at(-1));
    expect(publishedTargets).toContain(env.PORT);

    const probe = tokens(service('api').healthcheck?.test);
    expect(probe.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    const script = probe[3]!;
    expect(() => new Script(script), 'healthcheck script must be valid JavaScript').not.toThrow();
    expect(script).toContain(`http://127.0.0.1:${env.PORT}/health/readiness`);
    expect(readRepoFile('apps/api/src/routes/system-routes.ts')).toContain(`'/health/readiness'`);
  });

  it('api and worker wait for Redis, the bucket and the fakes', () => {
    for (const name of ['api', 'worker']) {
      expect(dependsOn(name)).toMatchObject({
        redis: 'service_healthy',
        'minio-init': 'service_completed_successfully',
        fakes: 'service_started',
      });
    }
    expect(dependsOn('minio-init')).toMatchObject({ minio: 'service_healthy' });
    expect(service('minio-init').restart).toBe('no');
    expect(service('minio').healthcheck?.test).toBeDefined();
  });

  it('addresses in the env point at the services that serve them, with matching keys', () => {
    const env = serviceEnv('api');
    const fakes = serviceEnv('fakes');
    const minio = serviceEnv('minio');
    const minioInit = serviceEnv('minio-init');

    const redisUrl = new URL(env.REDIS_URL!);
    expect(compose.services[redisUrl.hostname], `REDIS_URL host ${redisUrl.hostname} is no service`).toBeDefined();
    expect(redisUrl.port || '6379').toBe('6379');

    const s3 = new URL(env.S3_ENDPOINT!);
    expect(s3.hostname).toBe('minio');
    expect(s3.port).toBe('9000');
    expect(env.S3_FORCE_PATH_STYLE).toBe('true');
    expect(env.S3_ACCESS_KEY_ID).toBe(minio.MINIO_ROOT_USER);
    expect(env.S3_SECRET_ACCESS_KEY).toBe(minio.MINIO_ROOT_PASSWORD);
    expect(minio.MINIO_ROOT_PASSWORD!.length, 'MinIO refuses passwords under 8 characters').toBeGreaterThanOrEqual(8);
    expect(minioInit.MINIO_ROOT_USER).toBe(minio.MINIO_ROOT_USER);
    expect(minioInit.MINIO_ROOT_PASSWORD).toBe(minio.MINIO_ROOT_PASSWORD);
    expect(minioInit.S3_BUCKET).toBe(env.S3_BUCKET);
    const init = [...tokens(service('minio-init').entrypoint), ...tokens(service('minio-init').command)].join(' ');
    expect(init).toContain('mc mb --ignore-existing');
    expect(interpolate(init, {})).toContain('local/$S3_BUCKET');

    // Presigned URLs are for the host: the public endpoint's port must be one MinIO publishes.
    const publicS3 = new URL(env.S3_PUBLIC_ENDPOINT!);
    const minioPublished = (service('minio').ports ?? []).map((port) => interpolate(port, {}).split(':').at(-2));
    expect(minioPublished).toContain(publicS3.port);

    const fakeBase = new URL(env.FAKE_OPENAI_BASE_URL!);
    expect(fakeBase.hostname).toBe('fakes');
    expect(fakeBase.port).toBe(fakes.FAKE_OPENAI_PORT);
    expect(fakeBase.pathname).toBe('/v1');
    expect(fakes.FAKE_BIND_HOST, 'the fakes must listen beyond their own loopback').toBe('0.0.0.0');
    expect(fakes.FAKE_API_KEY).toBe(env.FAKE_API_KEY);
    expect(Number(fakes.FAKE_COMPLETE_AFTER_MS)).toBeGreaterThanOrEqual(0);
  });

  it('REELAY_CONFIG is a file in the repo, mounted into api and worker, and loads with their env', () => {
    for (const name of ['api', 'worker']) {
      const env = serviceEnv(name);
      const path = repoPathOfContainerPath(env.REELAY_CONFIG!);
      expect(existsSync(path), `${env.REELAY_CONFIG} → ${path} must exist`).toBe(true);
      const mount = (service(name).volumes ?? []).find((volume) => {
        const [, target] = volume.split(':');
        return target !== undefined && env.REELAY_CONFIG!.startsWith(`${target}/`);
      });
      expect(mount, `${name} must mount the config directory`).toBeDefined();
      const [hostDir, target, mode] = mount!.split(':');
      // The mounted host directory is the repo directory at the same place under /app.
      expect(repoPath(hostDir!)).toBe(repoPath(posix.relative('/app', target!)));
      expect(mode).toBe('ro');

      const registry = loadRegistryFromFile(path, env);
      expect(registry.modelNames().length).toBeGreaterThan(0);
    }
  });

  it('every os.environ/NAME in the demo config is set by the api and worker env', () => {
    const names = [...readRepoFile('infra/config/demo.yaml').matchAll(/os\.environ\/([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(0);
    for (const name of ['api', 'worker']) {
      const env = serviceEnv(name);
      expect(names.filter((variable) => !env[variable]), `${name} lacks`).toEqual([]);
    }
  });

  it('.env.example documents every variable compose interpolates, with the same defaults', () => {
    const { active, mentioned } = envExampleEntries();
    const names = [...interpolatedNames(composeText)];
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !mentioned.has(name))).toEqual([]);
    // Copying .env.example to .env must not change anything by itself.
    for (const [name, values] of composeDefaults(composeText)) {
      expect(values.size, `${name} has different defaults in different places`).toBe(1);
      if (name in active) expect(active[name], `.env.example ${name}`).toBe([...values][0]);
    }
  });

  it('the default WEBHOOK_SECRET signs webhooks that standardwebhooks verifies', () => {
    const secret = serviceEnv('worker').WEBHOOK_SECRET!;
    expect(isValidWebhookSecret(secret)).toBe(true);
    const body = JSON.stringify({ type: 'video.completed', timestamp: new Date().toISOString(), data: { id: 'vid_1' } });
    const headers = signWebhook({ secret, id: 'msg_compose_1', timestamp: new Date(), body });
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });
});
