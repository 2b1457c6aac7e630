import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** Default `127.0.0.1`; docker compose binds `0.0.0.0`. */
  host?: string;
  /** Host name clients use to reach the fake (compose: the service name); only in `publicOrigin`. */
  publicHost?: string;
}

export interface ListeningFake {
  /** `http://host:port` that a client on this machine can dial. */
  origin: string;
  /** `origin`, or `http://<publicHost>:port` when a publicHost was given: for URLs handed to clients. */
  publicOrigin: string;
  close(): Promise<void>;
}

/** Starts a node:http server for one fake; resolves once it listens, rejects if it cannot bind. */
export async function listen(handler: RequestListener, options: ListenOptions): Promise<ListeningFake> {
  const server = createServer(handler);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; a client cannot dial 0.0.0.0 portably.
  const dialHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const origin = `http://${dialHost.includes(':') ? `[${dialHost}]` : dialHost}:${port}`;
  return {
    origin,
    // Result URLs must name a host the worker can dial: in compose that is the service name.
    publicOrigin: options.publicHost ? `http://${options.publicHost}:${port}` : origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this close() waits for their idle timeout.
        server.closeAllConnections();
      }),
  };
}
