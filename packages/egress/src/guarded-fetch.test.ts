import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedAgent } from './guarded-agent';
import { createGuardedFetch } from './guarded-fetch';

let port = 0;
let hits = 0;
const server = createServer((_req, res) => {
  hits += 1;
  res.setHeader('content-type', 'image/png');
  res.end('png');
});
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => ((port = (server.address() as { port: number }).port), resolve()))));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('guarded fetch for client-supplied URLs', () => {
  it('refuses a name that resolves to loopback, before any request is sent', async () => {
    const guarded = createGuardedFetch(createGuardedAgent({ allowPrivate: false }));
    await expect(guarded(`http://localhost:${port}/image.png`)).rejects.toThrow();
    expect(hits).toBe(0);
  });

  it('works like fetch when private addresses are allowed', async () => {
    const open = createGuardedFetch(createGuardedAgent({ allowPrivate: true }));
    const response = await open(`http://127.0.0.1:${port}/image.png`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('png');
    expect(hits).toBe(1);
  });
});
