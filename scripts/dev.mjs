// `pnpm dev`: the whole demo on 127.0.0.1 in one command (Redis, an S3 store, the fake
// providers, the api and one worker), stopped together by Ctrl-C. Plain Node ESM: it runs
// the esbuild bundles, rebuilt first when older than their sources. The parts are in scripts/dev/.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickModels, readyBanner } from './dev/banner.mjs';
import { DevError, shown } from './dev/dev-error.mjs';
import { takenFakePort, fakesEnv } from './dev/fakes.mjs';
import { readSettings } from './dev/settings.mjs';
import { createStack, exitReport } from './dev/stack.mjs';
import { startEverything } from './dev/start.mjs';
import { leftoverChildren, releaseStateFile, takeStateFile } from './dev/state-file.mjs';
import { tailOf } from './dev/children.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

function requireSetup() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) throw new DevError(`Node ${process.versions.node} is too old: reelay needs Node 20.19 or newer.`);
  try {
    createRequire(join(ROOT, 'test', 'package.json')).resolve('s3rver');
  } catch {
    throw new DevError('the dependencies are not installed: run pnpm install first.');
  }
}

/** A hint for a child that could not listen: which variable moves its port. */
function portHint(record, settings) {
  const log = tailOf(record.logPath, 40);
  if (!log.includes('EADDRINUSE')) return '';
  if (record.name === 'api') return `\nport ${settings.port} is in use: free it, or set PORT to another port.`;
  if (record.name === 'worker') return "\nthe worker's health port is in use: set WORKER_HEALTH_PORT to a free port.";
  if (record.name === 'fakes') {
    const taken = takenFakePort(log, fakesEnv(ROOT, settings.env).ports);
    return taken ? `\nport ${taken.port} is in use: free it, or set ${taken.variable} to another port.` : '';
  }
  return '';
}

async function main() {
  requireSetup();
  const settings = readSettings(ROOT);
  const logDir = join(settings.devDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const statePath = join(settings.devDir, 'dev.json');
  const state = { pid: process.pid, apiUrl: settings.apiUrl, startedAt: new Date().toISOString(), children: [] };
  const lock = takeStateFile(statePath, state);
  if (!lock.held) {
    const { pid, apiUrl, readyAt } = lock.other;
    console.error(`reelay dev: already running (pid ${pid}, api ${apiUrl}${readyAt ? '' : ', still starting'}; state in ${shown(statePath)}). Stop it with Ctrl-C in its terminal or kill ${pid}.`);
    process.exitCode = 1;
    return;
  }
  const leftovers = leftoverChildren(lock.stale);
  if (leftovers.length > 0) {
    const list = leftovers.map((child) => `${child.name} pid ${child.pid}`).join(', ');
    console.warn(`reelay dev: an earlier run (pid ${lock.stale.pid}) ended without stopping ${list}; they may hold ports. Stop them: kill ${leftovers.map((c) => c.pid).join(' ')}`);
  }

  let shuttingDown;
  const shutdown = (code, message) => {
    shuttingDown ??= (async () => {
      if (message) console.error(message);
      const running = stack.running().length;
      if (running > 0) console.log(`reelay dev: stopping ${running} process${running === 1 ? '' : 'es'}`);
      await stack.stop();
      releaseStateFile(statePath);
      console.log('reelay dev: stopped');
      process.exit(code);
    })();
    return shuttingDown;
  };
  const stack = createStack({
    root: ROOT,
    logDir,
    statePath,
    state,
    onUnexpectedExit: (record) => void shutdown(1, exitReport(record) + portHint(record, settings)),
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (!shuttingDown) {
        console.log(`reelay dev: ${signal}`);
        void shutdown(0);
        return;
      }
      // A second Ctrl-C: do not wait for graceful exits.
      console.log(`reelay dev: ${signal} again: killing what still runs`);
      stack.killAll();
      releaseStateFile(statePath);
      process.exit(130);
    });
  }

  if (settings.envFile) console.log(`reelay dev: read ${shown(settings.envFile)}`);
  if (settings.config.note) console.log(`reelay dev: ${settings.config.note}`);
  try {
    const started = await startEverything(ROOT, settings, stack);
    if (!started) return;
    stack.markReady({ readyAt: new Date().toISOString() });
    const masterKey = settings.env.REELAY_MASTER_KEY;
    const models = await pickModels(settings.apiUrl, masterKey);
    console.log(readyBanner({ apiUrl: settings.apiUrl, masterKey, config: settings.config, s3: started.s3Endpoint, bucket: started.bucket, devDir: settings.devDir, models }));
  } catch (error) {
    if (stack.stopping) return;
    await shutdown(1, error instanceof DevError ? `reelay dev: ${error.message}` : error.stack);
  }
}

main().catch((error) => {
  console.error(error instanceof DevError ? `reelay dev: ${error.message}` : error.stack);
  process.exit(1);
});
