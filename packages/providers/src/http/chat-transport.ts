import type { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';

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

/** Where a deployment's calls go, parsed once when its model is built rather than on every call. */
export interface ChatTarget {
  origin: string;
  /** Path and query. */
  path: string;
}

export function chatTarget(url: string): ChatTarget {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

/** One POST of a JSON body; no retries of its own (the router decides). */
export async function postJson(target: ChatTarget, headers: Record<string, string>, body: string, signal: AbortSignal, dispatcher?: Dispatcher): Promise<ChatHttpResponse> {
  const answer = await (dispatcher ?? chatDispatcher()).request({ origin: target.origin, path: target.path, method: 'POST', headers, body, signal });
  return { status: answer.statusCode, headers: answer.headers, body: answer.body as ChatHttpResponse['body'] };
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
