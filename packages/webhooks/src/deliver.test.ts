import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhook } from './deliver';
import { createGuardedAgent } from '@reelay/egress';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = JSON.stringify({ type: 'video.completed', timestamp: '2025-01-01T00:00:00.000Z', data: { id: 'video_1' } });

interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  port: number;
  url: (path?: string) => string;
  seen: SeenRequest[];
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];
const agents: Agent[] = [];

/** A real HTTP receiver on 127.0.0.1 that records every request it is sent. */
async function startReceiver(handler: Handler): Promise<Receiver> {
  const seen: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      handler(request, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, seen, url: (path = '/hook') => `http://127.0.0.1:${port}${path}` };
}

function agent(allowPrivate: boolean): Agent {
  const created = createGuardedAgent({ allowPrivate, connectTimeoutMs: 2000 });
  agents.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(agents.splice(0).map((each) => each.destroy()));
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

describe('deliverWebhook to a real receiver (private addresses allowed)', () => {
  it('delivers a signed POST that the receiver can verify', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(204).end());
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_video_1_video_completed', body, secret, agent: agent(true) });

    expect(outcome).toEqual({ kind: 'delivered', status: 204 });
    expect(receiver.seen).toHaveLength(1);
    const [request] = receiver.seen;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('reelay-webhooks/0.1');
    expect(request?.headers['webhook-id']).toBe('evt_video_1_video_completed');
    expect(request?.body).toBe(body);
    const headers = request?.headers as Record<string, string>;
    expect(new Webhook(secret).verify(request?.body ?? '', headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('video_1', 'video_2'), headers)).toThrow();
  });

  it('signs each attempt with its own timestamp and keeps the id', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(200).end('ok'));
    const first = new Date();
    const second = new Date(first.getTime() + 60_000);
    for (const at of [first, second]) {
      await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true), now: () => at });
    }
    const [a, b] = receiver.seen;
    expect(a?.headers['webhook-id']).toBe(b?.headers['webhook-id']);
    expect(Number(b?.headers['webhook-timestamp']) - Number(a?.headers['webhook-timestamp'])).toBe(60);
  });

  it('treats a 500 as retryable', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(500).end('boom'));
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true) });
    expect(outcome).toEqual({ kind: 'retry', status: 500, reason: 'receiver answered 500' });
  });

  it('treats a 400 as retryable (only 410 stops deliveries)', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(400).end());
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true) });
    expect(outcome).toMatchObject({ kind: 'retry', status: 400 });
  });

  it('stops on 410 Gone', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(410).end());
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true) });
    expect(outcome).toEqual({ kind: 'gone', status: 410 });
  });

  it('does not follow a redirect and retries instead', async () => {
    const receiver = await startReceiver((request, response) => {
      if (request.url === '/hook') response.writeHead(302, { location: receiver.url('/elsewhere') }).end();
      else response.writeHead(200).end();
    });
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true) });
    expect(outcome).toMatchObject({ kind: 'retry', status: 302 });
    expect(outcome.kind === 'retry' && outcome.reason).toMatch(/redirects are not followed/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.seen.map((request) => request.path)).toEqual(['/hook']);
  });

  it('honours Retry-After on 429', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(429, { 'retry-after': '7' }).end());
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true) });
    expect(outcome).toEqual({ kind: 'retry', status: 429, reason: 'receiver answered 429', retryAfterMs: 7000 });
  });

  it('honours an HTTP-date Retry-After on 503', async () => {
    const now = new Date('2025-01-01T00:00:00.000Z');
    const receiver = await startReceiver((_request, response) =>
      response.writeHead(503, { 'retry-after': 'Wed, 01 Jan 2025 00:02:00 GMT' }).end(),
    );
    // The signature is stamped with `now`, which is fine: this receiver does not verify.
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true), now: () => now });
    expect(outcome).toMatchObject({ kind: 'retry', status: 503, retryAfterMs: 120_000 });
  });

  it('retries when the receiver never answers', async () => {
    const receiver = await startReceiver(() => undefined);
    const started = Date.now();
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true), timeoutMs: 300 });
    expect(outcome).toEqual({ kind: 'retry', reason: 'receiver did not answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries when nothing listens on the port', async () => {
    const receiver = await startReceiver(() => undefined);
    const closed = servers.pop();
    await new Promise<void>((resolve) => closed?.close(() => resolve()));
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true) });
    expect(outcome).toMatchObject({ kind: 'retry' });
    expect(outcome.kind === 'retry' && outcome.reason).toMatch(/ECONNREFUSED/);
  });

  it('reads at most 64 KB of a huge reply and still counts the delivery', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const receiver = await startReceiver((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      // An endless reply: if the whole body were read, this test would time out.
      const write = () => {
        while (response.write(chunk)) {
          if (response.destroyed) return;
        }
      };
      response.on('drain', write);
      write();
    });
    const outcome = await deliverWebhook({ url: receiver.url(), id: 'evt_1', body, secret, agent: agent(true), timeoutMs: 5000 });
    expect(outcome).toEqual({ kind: 'delivered', status: 200 });
  });
});

describe('deliverWebhook with the egress guard on', () => {
  it('refuses a hostname that resolves to loopback, at connect time, without sending anything', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(200).end());
    const outcome = await deliverWebhook({ url: `http://localhost:${receiver.port}/hook`, id: 'evt_1', body, secret, agent: agent(false) });
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.reason).toMatch(/localhost: it resolves to a loopback address/);
    expect(receiver.seen).toHaveLength(0);
  });

  it.each(['127.0.0.1', '[::ffff:127.0.0.1]', '0x7f000001'])('refuses the literal address %s', async (host) => {
    const receiver = await startReceiver((_request, response) => response.writeHead(200).end());
    const outcome = await deliverWebhook({ url: `http://${host}:${receiver.port}/hook`, id: 'evt_1', body, secret, agent: agent(false) });
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.reason).toMatch(/loopback address/);
    expect(receiver.seen).toHaveLength(0);
  });

  it('refuses a URL that is not http(s) without any request', async () => {
    const outcome = await deliverWebhook({ url: 'ftp://example.com/hook', id: 'evt_1', body, secret, agent: agent(false) });
    expect(outcome).toEqual({ kind: 'refused', reason: 'callback_url must be http(s); got ftp:' });
  });
});
