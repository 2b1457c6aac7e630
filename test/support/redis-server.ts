import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './processes';

/**
 * A Redis server of the test's own, on a free loopback port with AOF (fsync always) in a temp
 * folder, so a test can kill it, restart it on the same port and find the data again, as a
 * production Redis with AOF would. Needs `redis-server` on PATH (.ci/run installs it).
 */
export interface OwnRedis {
  url: string;
  /** SIGKILL: the clients see connection refused, as in a crash. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the server holds connections but answers nothing, as a hung host. */
  freeze(): void;
  thaw(): void;
  /** Starts it again on the same port and data folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'reelay-own-redis-'));
  let child: ChildProcess;
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], {
      stdio: 'ignore',
    });
    child.once('error', (error) => {
      throw new Error(`could not start redis-server (is it installed? apt-get install redis-server): ${error.message}`);
    });
    await waitFor(() => ping(port), { timeoutMs: 10_000, intervalMs: 50, describe: () => `redis-server on port ${port} did not answer` });
  };
  const exited = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    restart: launch,
    async stop() {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited();
    },
  };
}

function ping(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => socket.destroy());
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG') ? true : undefined);
    });
    socket.on('error', () => resolve(undefined));
    socket.on('close', () => resolve(undefined));
  });
}
