import { createConnection, createServer } from 'node:net';
import { DevError } from './dev-error.mjs';

const HOST = '127.0.0.1';

/** Whether nothing listens on 127.0.0.1:port (a bind succeeds). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/** A port the system just gave out on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function portAnswers(port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = createConnection(port, HOST, () => {
      socket.destroy();
      resolve(true);
    });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** An integer port from a variable, or a DevError naming it. */
export function parsePort(raw, variable) {
  const port = Number(raw);
  if (!/^\d+$/.test(String(raw).trim()) || port < 1 || port > 65_535) throw new DevError(`${variable} must be a port from 1 to 65535; got '${raw}'.`);
  return port;
}

/** Fails naming every taken port and the variable that moves it: `[{ port, variable, what }]`. */
export async function requireFreePorts(wanted) {
  const taken = [];
  for (const entry of wanted) if (!(await portIsFree(entry.port))) taken.push(entry);
  if (taken.length === 0) return;
  const lines = taken.map(({ port, variable, what }) => `  port ${port} (${what}) is in use: free it, or set ${variable} to another port (environment or .env)`);
  throw new DevError(`cannot start: ${taken.length === 1 ? 'a port is' : 'ports are'} taken on 127.0.0.1\n${lines.join('\n')}`);
}
