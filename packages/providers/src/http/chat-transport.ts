import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';

/** The undici dispatcher chat calls go through (a pool per origin, keep-alive). */
export type UpstreamDispatcher = Dispatcher;

export interface ChatHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** A Node stream (no Web Streams on the hot path): SSE is parsed from its Buffers. */
  body: Readable & { text(): Promise<string> };
}

let sharedDispatcher: Dispatcher | undefined;

/**
 * One keep-alive pool per origin for every chat call of the process. Body and header
 * timeouts are ours (the router's `timeout` / `stream_timeout` through the abort signal), not
 * undici's defaults, which would cut a long reasoning stream at 300 s.
 */
export function chatDispatcher(): Dispatcher {
  sharedDispatcher ??= new Agent({ keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0, connections: 256 });
  return sharedDispatcher;
}

/** One POST of a JSON body; no retries of its own (the router decides). */
export async function postJson(url: string, headers: Record<string, string>, body: string, signal: AbortSignal, dispatcher?: Dispatcher): Promise<ChatHttpResponse> {
  const answer = await request(url, { method: 'POST', headers, body, signal, dispatcher: dispatcher ?? chatDispatcher() });
  return { status: answer.statusCode, headers: answer.headers, body: answer.body };
}

/** A header value as one string. */
export function headerOf(headers: ChatHttpResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The abort reason the router gives when a deployment's timeout fires (the adapter names the limit). */
export class ChatCallTimeout extends Error {
  constructor(readonly afterMs: number) {
    super(`timed out after ${afterMs} ms`);
    this.name = 'TimeoutError';
  }
}

export function timeoutOf(signal: AbortSignal): number | undefined {
  return signal.aborted && signal.reason instanceof ChatCallTimeout ? signal.reason.afterMs : undefined;
}
