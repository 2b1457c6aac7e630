import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** What the receiver answered. */
  status: number;
  receivedAt: number;
}

/**
 * A real HTTP receiver on loopback. `failFirst` paths answer 500 on their first request
 * per webhook-id, so retries can be observed.
 */
export async function startWebhookReceiver(options: { failFirstPaths?: string[] } = {}) {
  const received: ReceivedWebhook[] = [];
  const failedOnce = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const id = String(req.headers['webhook-id']);
      let status = 204;
      if (options.failFirstPaths?.includes(path) && !failedOnce.has(id)) {
        failedOnce.add(id);
        status = 500;
      }
      received.push({ path, headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), status, receivedAt: Date.now() });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
