// The fake providers' ports and the FAKE_*_BASE_URL paths demo.yaml reads, taken from
// docker-compose.yml: test/integration/compose.test.ts keeps that file in line with the fake
// lists (test/fakes/video-fakes.ts, chat/chat-fakes.ts), so a new fake is not registered here too.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DevError } from './dev-error.mjs';
import { parsePort } from './ports.mjs';

function loadYaml(root) {
  // `yaml` is a dependency of the test workspace package, which also owns the fakes.
  try {
    return createRequire(join(root, 'test', 'package.json'))('yaml');
  } catch {
    throw new DevError('the yaml package of the test workspace is missing: run pnpm install first.');
  }
}

/** `[{ variable: 'FAKE_OPENAI_PORT', port }]` and `[{ variable: 'FAKE_OPENAI_BASE_URL', portVariable, path: '/v1' }]`. */
export function composeFakes(root) {
  const compose = loadYaml(root).parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));
  const fakeEnv = compose?.services?.fakes?.environment ?? {};
  const shared = compose?.['x-reelay-env'] ?? {};
  const ports = Object.entries(fakeEnv)
    .filter(([name]) => /^FAKE_\w+_PORT$/.test(name))
    .map(([variable, port]) => ({ variable, port: Number(port) }));
  const baseUrls = Object.entries(shared)
    .filter(([name]) => /^FAKE_\w+_BASE_URL$/.test(name))
    .map(([variable, url]) => ({ variable, portVariable: variable.replace(/_BASE_URL$/, '_PORT'), path: new URL(url).pathname.replace(/\/$/, '') }));
  const unmatched = baseUrls.filter((entry) => !ports.some((port) => port.variable === entry.portVariable));
  if (ports.length === 0 || unmatched.length > 0) {
    throw new DevError(`docker-compose.yml: cannot read the fakes' ports and base URLs${unmatched.length ? ` (no ${unmatched.map((e) => e.portVariable).join(', ')} in services.fakes)` : ''}`);
  }
  return { ports, baseUrls };
}

/** The fakes' ports after the environment's FAKE_*_PORT overrides, and the base URLs that reach them. */
export function fakesEnv(root, env) {
  const { ports, baseUrls } = composeFakes(root);
  const chosen = ports.map(({ variable, port }) => ({ variable, port: env[variable] ? parsePort(env[variable], variable) : port }));
  const portOf = Object.fromEntries(chosen.map(({ variable, port }) => [variable, port]));
  const processEnv = { FAKE_BIND_HOST: '127.0.0.1', ...Object.fromEntries(chosen.map(({ variable, port }) => [variable, String(port)])) };
  const gatewayEnv = Object.fromEntries(baseUrls.map(({ variable, portVariable, path }) => [variable, `http://127.0.0.1:${portOf[portVariable]}${path}`]));
  return { ports: chosen, processEnv, gatewayEnv };
}

/** Which FAKE_*_PORT a fakes log that failed with EADDRINUSE names. */
export function takenFakePort(log, ports) {
  const match = /EADDRINUSE[^\n]*?:(\d+)/.exec(log);
  return match ? ports.find(({ port }) => port === Number(match[1])) : undefined;
}
