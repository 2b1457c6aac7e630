import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from './upstream-error';
import { callUpstream } from './call-upstream';
import { createUpstreamFetch } from './upstream-fetch';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

async function listen(handler: Handler): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('createUpstreamFetch (undici request under the fetch-shaped interface)', () => {
  const seen: { url: string; method: string; authorization?: string; body: string }[] = [];
  let vendor: { server: Server; base: string };
  let cdn: { server: Server; base: string };
  const upstreamFetch = createUpstreamFetch();

  beforeAll(async () => {
    cdn = await listen((req, res) => {
      seen.push({ url: `cdn${req.url}`, method: req.method!, authorization: req.headers.authorization, body: '' });
      res.writeHead(200, { 'content-type': 'video/mp4' }).end(Buffer.from('MP4BYTES'));
    });
    vendor = await listen((req, res, body) => {
      seen.push({ url: req.url!, method: req.method!, authorization: req.headers.authorization, body });
      if (req.url === '/videos/v1') {
        res.writeHead(200, { 'content-type': 'application/json', 'openai-poll-after-ms': '7000', 'set-cookie': ['a=1', 'b=2'] });
        res.end(JSON.stringify({ id: 'v1', status: 'in_progress', progress: 40 }));
      } else if (req.url === '/videos/v1/content') {
        res.writeHead(302, { location: `${cdn.base}/signed/v1.mp4` }).end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.writeHead(200).end('late'), 2_000);
      } else if (req.url === '/limited') {
        res.writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' }).end('{"error":{"message":"slow down"}}');
      } else {
        res.writeHead(201, { 'content-type': 'application/json' }).end(body);
      }
    });
  });
  afterAll(async () => {
    vendor.server.closeAllConnections();
    cdn.server.closeAllConnections();
    await Promise.all([vendor, cdn].map(({ server }) => new Promise((resolve) => server.close(resolve))));
  });

  it('answers status, headers (any case, repeated ones joined) and a JSON body', async () => {
    const response = await upstreamFetch(`${vendor.base}/videos/v1`, { method: 'GET', headers: { authorization: 'Bearer sk-vendor' } });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('OpenAI-Poll-After-Ms')).toBe('7000');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('x-missing')).toBeNull();
    expect(await response.json()).toEqual({ id: 'v1', status: 'in_progress', progress: 40 });
  });

  it('sends the method and body it is given', async () => {
    const response = await upstreamFetch(`${vendor.base}/videos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt":"a cat"}' });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('{"prompt":"a cat"}');
    expect(seen.at(-1)).toMatchObject({ url: '/videos', method: 'POST', body: '{"prompt":"a cat"}' });
  });

  it('follows a redirect only when asked, and never carries the key to another origin', async () => {
    const manual = await upstreamFetch(`${vendor.base}/videos/v1/content`, { method: 'GET', headers: { authorization: 'Bearer sk-vendor' } });
    expect(manual.status).toBe(302);
    await manual.text();

    const followed = await upstreamFetch(`${vendor.base}/videos/v1/content`, { method: 'GET', headers: { authorization: 'Bearer sk-vendor' }, redirect: 'follow' });
    expect(followed.status).toBe(200);
    const chunks: Uint8Array[] = [];
    for await (const chunk of followed.body!) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('MP4BYTES');
    expect(seen.at(-1)).toEqual({ url: 'cdn/signed/v1.mp4', method: 'GET', authorization: undefined, body: '' });
  });

  it('through callUpstream: a 429 keeps its Retry-After, a slow answer times out, a closed port is "never sent"', async () => {
    const limited = await callUpstream({ fetch: upstreamFetch, url: `${vendor.base}/limited`, init: { method: 'GET' }, timeoutMs: 5_000, describeFailure: () => ({ code: 'upstream_rate_limited', message: 'limited' }) }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(UpstreamError);
    expect(limited).toMatchObject({ code: 'upstream_rate_limited', statusCode: 429, retryAfterMs: 3_000, responseBody: '{"error":{"message":"slow down"}}' });

    const slow = await callUpstream({ fetch: upstreamFetch, url: `${vendor.base}/slow`, init: { method: 'GET' }, timeoutMs: 100, describeFailure: () => ({ code: 'upstream_error', message: 'x' }) }).catch((e: unknown) => e);
    expect(slow).toMatchObject({ code: 'upstream_timeout', isRetryable: true, taskMayExist: 'unknown' });

    const closed = await listen(() => undefined);
    const closedBase = closed.base;
    await new Promise((resolve) => closed.server.close(resolve));
    const refused = await callUpstream({ fetch: upstreamFetch, url: `${closedBase}/videos`, init: { method: 'POST', body: '{}' }, timeoutMs: 5_000, describeFailure: () => ({ code: 'upstream_error', message: 'x' }) }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'upstream_error', isRetryable: true, taskMayExist: 'no' });
    expect((refused as Error).message).toContain('could not reach');
  });
});
