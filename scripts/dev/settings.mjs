// What `pnpm dev` runs with: the environment and .env (the environment wins, as in compose),
// the demo defaults of docker-compose.yml, and the variables dev owns because it runs the
// process behind them (loopback addresses, its S3 store, the Redis it picked).
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DevError, shown } from './dev-error.mjs';
import { readEnvFile } from './env-file.mjs';
import { parsePort } from './ports.mjs';

export const DEMO_CONFIG = 'infra/config/demo.yaml';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** docker-compose.yml's demo values (public: fine on loopback, to be replaced anywhere else). */
const DEMO_DEFAULTS = {
  REELAY_MASTER_KEY: 'sk-reelay-demo',
  WEBHOOK_SECRET: 'whsec_cmVlbGF5LWRlbW8td2ViaG9vay1zZWNyZXQtY2hhbmdlLW1lISE=',
  FAKE_API_KEY: 'sk-fake-demo-key',
  // Everything listens on loopback, so webhook receivers there are the usual case.
  WEBHOOK_ALLOW_PRIVATE: 'true',
  S3_BUCKET: 'reelay-videos',
};

/** s3rver accepts only these development credentials. */
export const S3RVER_CREDENTIALS = { S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };

export function readSettings(root, processEnv = process.env) {
  const devDir = resolve(root, processEnv.REELAY_DEV_DIR || '.reelay-dev');
  const envFile = resolve(root, processEnv.REELAY_DEV_ENV_FILE || '.env');
  const fileEnv = readEnvFile(envFile);
  const env = { ...DEMO_DEFAULTS, ...fileEnv, ...processEnv };
  const port = parsePort(env.PORT ?? '4000', 'PORT');
  return {
    devDir,
    envFile: fileEnv ? envFile : undefined,
    env,
    port,
    apiUrl: `http://127.0.0.1:${port}`,
    redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL,
    workerHealthPort: env.WORKER_HEALTH_PORT ? parsePort(env.WORKER_HEALTH_PORT, 'WORKER_HEALTH_PORT') : undefined,
    config: resolveConfig(root, env.REELAY_CONFIG || DEMO_CONFIG),
  };
}

/**
 * The config file and whether it needs the fakes: demo.yaml does, and so does any config that
 * reads a FAKE_ variable; a config of real providers alone does not get them.
 */
export function resolveConfig(root, requested) {
  let path = requested;
  let note;
  const at = (candidate) => (isAbsolute(candidate) ? candidate : join(root, candidate));
  // compose's path inside the container (./infra/config is mounted at /app/infra/config).
  if (!existsSync(at(path)) && path.startsWith('/app/') && existsSync(join(root, path.slice('/app/'.length)))) {
    path = path.slice('/app/'.length);
    note = `REELAY_CONFIG=${requested} is compose's path in the container; using ./${path}`;
  }
  if (!existsSync(at(path))) throw new DevError(`REELAY_CONFIG=${requested}: no such file (from ${shown(root)}). Point it at a config such as ${DEMO_CONFIG}.`);
  const usesFakes = readFileSync(at(path), 'utf8').includes('os.environ/FAKE_');
  return { path, note, usesFakes, isDemo: resolve(at(path)) === resolve(root, DEMO_CONFIG) };
}

/** The environment of the api and the worker. */
export function gatewayEnv(settings, { redisUrl, s3Endpoint, workerHealthPort, fakeBaseUrls }) {
  return {
    ...settings.env,
    ...fakeBaseUrls,
    REELAY_CONFIG: settings.config.path,
    REDIS_URL: redisUrl,
    PORT: String(settings.port),
    HOST: '127.0.0.1',
    S3_ENDPOINT: s3Endpoint,
    S3_PUBLIC_ENDPOINT: s3Endpoint,
    S3_REGION: 'us-east-1',
    S3_FORCE_PATH_STYLE: 'true',
    ...S3RVER_CREDENTIALS,
    WORKER_HEALTH_PORT: String(workerHealthPort),
  };
}
