import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../http/upstream-error';
import { json, KEY, model, OP, rpcError, scriptedFetch } from './gemini-test-kit';

describe('openResult', () => {
  const API = 'https://generativelanguage.googleapis.com';
  const uri = `${API}/v1beta/files/abc123:download?alt=media`;
  const mp4 = () => new Response(Buffer.from('ftypisom'), { status: 200, headers: { 'content-type': 'video/mp4', 'content-length': '8' } });
  const redirect = (location: string) => () => new Response(null, { status: 302, headers: { location } });

  it('sends the key to the api_base origin only, and follows redirects without it', async () => {
    const upstream = scriptedFetch(redirect('https://storage.example/blob/abc?sig=1'), mp4);
    const opened = await model(upstream.fetch).openResult(OP, uri);
    expect(opened.contentType).toBe('video/mp4');
    expect(opened.contentLength).toBe(8);
    expect(Buffer.from(await new Response(opened.body).arrayBuffer()).toString()).toBe('ftypisom');
    const [first, second] = upstream.requests;
    expect(first).toMatchObject({ url: uri, redirect: 'manual', headers: { 'x-goog-api-key': KEY } });
    expect(second).toMatchObject({ url: 'https://storage.example/blob/abc?sig=1', redirect: 'manual' });
    expect(second?.headers['x-goog-api-key']).toBeUndefined();
  });

  it('never sends the key to a uri on another origin', async () => {
    const upstream = scriptedFetch(mp4);
    await model(upstream.fetch).openResult(OP, 'https://elsewhere.example/v1beta/files/abc123:download?alt=media');
    expect(upstream.requests[0]?.headers['x-goog-api-key']).toBeUndefined();
  });

  it('gives up after 3 redirects', async () => {
    const upstream = scriptedFetch(redirect('/a'), redirect('/b'), redirect('/c'), redirect('/d'));
    const error = await model(upstream.fetch).openResult(OP, uri).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toContain('more than 3 redirects');
    expect(upstream.requests.map((request) => request.url)).toEqual([uri, `${API}/a`, `${API}/b`, `${API}/c`]);
  });

  it('a file past its 2-day retention is expired', async () => {
    const upstream = scriptedFetch(json(404, rpcError(404, 'NOT_FOUND', 'File not found.')));
    const error = await model(upstream.fetch).openResult(OP, uri).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'expired', isRetryable: false });
  });

  it('defaults the content type to video/mp4', async () => {
    const upstream = scriptedFetch(() => new Response(Buffer.from('x'), { status: 200 }));
    expect((await model(upstream.fetch).openResult(OP, uri)).contentType).toBe('video/mp4');
  });
});

