import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { Agent, interceptors, request, type Dispatcher } from 'undici';

/** The part of a fetch request the adapters send. A `fetch` accepts it unchanged. */
export interface UpstreamRequestInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  /** Result downloads follow redirects (vendors hand out CDN links); everything else gets none. */
  redirect?: 'follow' | 'error' | 'manual';
  signal?: AbortSignal;
}

/** The part of a fetch Response the adapters read. A `Response` satisfies it. */
export interface UpstreamResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
  /** The body as a web stream, for results streamed on to S3. */
  readonly body: ReadableStream<Uint8Array> | globalThis.ReadableStream<Uint8Array> | null;
}

/**
 * How adapters reach a vendor. Tests inject a scripted `fetch`; the worker uses
 * `createUpstreamFetch()`. Every status call of a polled task is one of these, so the
 * transport's own cost decides how many tasks one worker can poll: Node's built-in fetch
 * costs about three times undici's `request` per call (P3 benchmark), hence this type.
 */
export type UpstreamFetch = (url: string, init: UpstreamRequestInit) => Promise<UpstreamResponse>;

const MAX_REDIRECTS = 5;

/**
 * An UpstreamFetch on undici's `request`: keep-alive connections per origin, no retries of
 * its own (a paid create must never be sent twice), redirects followed only when asked.
 * undici drops Authorization when a redirect leaves the origin, as fetch does.
 */
export function createUpstreamFetch(options: { dispatcher?: Dispatcher } = {}): UpstreamFetch {
  const direct = options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000 });
  const following = direct.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));
  return async (url, init) => {
    const answer = await request(url, {
      method: init.method as Dispatcher.HttpMethod,
      headers: init.headers,
      body: init.body,
      signal: init.signal,
      dispatcher: init.redirect === 'follow' ? following : direct,
    });
    return new UndiciResponse(answer);
  };
}

class UndiciResponse implements UpstreamResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  private readonly raw: Dispatcher.ResponseData['body'];
  private webBody: ReadableStream<Uint8Array> | undefined;

  constructor(answer: Dispatcher.ResponseData) {
    this.status = answer.statusCode;
    this.raw = answer.body;
    const headers = answer.headers;
    this.headers = {
      get(name: string) {
        const value = headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  json(): Promise<unknown> {
    return this.raw.json();
  }

  text(): Promise<string> {
    return this.raw.text();
  }

  get body(): ReadableStream<Uint8Array> {
    this.webBody ??= Readable.toWeb(this.raw) as ReadableStream<Uint8Array>;
    return this.webBody;
  }
}

/** One shared transport per process: connection reuse is the point. */
let shared: UpstreamFetch | undefined;
export function defaultUpstreamFetch(): UpstreamFetch {
  shared ??= createUpstreamFetch();
  return shared;
}
