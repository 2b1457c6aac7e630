/**
 * docker-compose.yml cannot run in CI (no Docker engine), so this keeps it honest against
 * everything it has to agree with: the root scripts, the env schemas, the e2e environment
 * (gatewayEnv), the demo config and .env.example. Each check is something that would break
 * `docker compose up` for a user. The image it builds is checked in dockerfile.test.ts.
 */
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { Script } from 'node:vm';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { loadRegistryFromFile } from '@reelay/registry';
import { isValidWebhookSecret, signWebhook } from '@reelay/webhooks';
import { apiEnvSchema } from '../../apps/api/src/env';
import { workerEnvSchema } from '../../apps/worker/src/env';
import {
  compose,
  composeDefaults,
  composeText,
  dependsOn,
  envExampleEntries,
  interpolate,
  interpolatedNames,
  PROCESS_SCRIPTS,
  readRepoFile,
  repoPath,
  repoPathOfContainerPath,
  rootPackage,
  service,
  serviceEnv,
  tokens,
} from '../support/compose-file';
import { chatFakes, textFakeBaseUrlVariable, textFakePortVariable } from '../fakes/chat/chat-fakes';
import { fakeBaseUrlVariable, fakePortVariable, videoFakes } from '../fakes/video-fakes';
import { gatewayEnv } from '../support/gateway';

// gatewayEnv asks for a fresh Redis database, which flushes it; only its variable names
// matter here, so leave every database alone.
vi.mock('../support/redis', () => ({
  freshRedisUrl: async (db: number) => `redis://127.0.0.1:6379/${db}`,
}));

describe('docker-compose.yml', () => {
  it('parses and has every service of the stack', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['redis', 'minio', 'minio-init', 'fakes', 'api', 'worker']),
    );
  });

  it('names a version for every image it pulls, so the stack does not change under a user between two `up`s', () => {
    const pulled = Object.entries(compose.services).filter(([, svc]) => svc.image !== undefined && svc.build === undefined);
    expect(pulled.map(([name]) => name)).toEqual(expect.arrayContaining(['redis', 'minio', 'minio-init']));
    for (const [name, svc] of pulled) {
      const tag = /:([^/:]+)$/.exec(svc.image!)?.[1];
      expect(tag, `${name}: ${svc.image} has no tag`).toBeDefined();
      expect(tag, `${name}: ${svc.image} floats`).not.toBe('latest');
    }
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

  it('worker serves health on 0.0.0.0:WORKER_HEALTH_PORT and probes /health/readiness on it', () => {
    const env = serviceEnv('worker');
    expect(env.HOST).toBe('0.0.0.0');
    expect(Number(env.WORKER_HEALTH_PORT)).toBeGreaterThan(0);
    const probe = tokens(service('worker').healthcheck?.test);
    expect(probe.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(() => new Script(probe[3]!), 'healthcheck script must be valid JavaScript').not.toThrow();
    expect(probe[3]).toContain(`http://127.0.0.1:${env.WORKER_HEALTH_PORT}/health/readiness`);
    expect(readRepoFile('apps/worker/src/health-server.ts')).toContain(`'/health/readiness'`);
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

    // Every fake of the one list runs in compose, at its port, and the demo config's api_base reaches it.
    for (const [provider, fake] of Object.entries(videoFakes)) {
      const given = env[fakeBaseUrlVariable(provider)];
      expect(given, `compose sets no ${fakeBaseUrlVariable(provider)} for the ${provider} fake`).toBeDefined();
      const fakeBase = new URL(given!);
      expect(fakeBase.hostname).toBe('fakes');
      expect(fakes[fakePortVariable(provider)], `compose sets no ${fakePortVariable(provider)}`).toBe(String(fake.port));
      expect(fakeBase.port).toBe(String(fake.port));
      expect(fakeBase.pathname.replace(/\/$/, '')).toBe(fake.apiBasePath);
    }
    for (const [provider, fake] of Object.entries(chatFakes)) {
      const given = env[textFakeBaseUrlVariable(provider)];
      expect(given, `compose sets no ${textFakeBaseUrlVariable(provider)} for the ${provider} text fake`).toBeDefined();
      const fakeBase = new URL(given!);
      expect(fakeBase.hostname).toBe('fakes');
      expect(fakes[textFakePortVariable(provider)], `compose sets no ${textFakePortVariable(provider)}`).toBe(String(fake.port));
      expect(fakeBase.port).toBe(String(fake.port));
      expect(fakeBase.pathname.replace(/\/$/, '')).toBe(fake.apiBasePath);
    }
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
