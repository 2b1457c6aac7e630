import type { IncomingMessage, ServerResponse } from 'node:http';

/** Each vendor's own sendJson: the content-type (and so the bytes on the wire) differs per fake. */
export type SendJson = (response: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;

export interface RequestHandling {
  /** The vendor's auth and routes; whatever it throws goes to `answerError`. */
  route(url: URL): Promise<void> | void;
  /** Writes the vendor's error body for a throw; only called while no header has been sent. */
  answerError(error: unknown): void;
}

/**
 * What every fake does around its routes, so each router only states its vendor's protocol:
 * parse the URL, and on a throw drain the request and cut a response already streaming
 * before letting the vendor answer.
 */
export async function serveRequest(request: IncomingMessage, response: ServerResponse, handling: RequestHandling): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake.invalid');
  try {
    await handling.route(url);
  } catch (error) {
    // An early answer must not leave an unread upload blocking the client.
    if (!request.readableEnded) request.resume();
    // The status line is gone, so an error body cannot follow: cut the stream instead.
    if (response.headersSent) {
      response.destroy(error as Error);
      return;
    }
    handling.answerError(error);
  }
}

/** The part of a fake's state the read-outs expose. */
export interface AdminReadouts {
  stats: unknown;
  lastCreate?: unknown;
}

/**
 * Unauthenticated read-outs for tests in another process (e2e, docker compose):
 * GET /__fake/stats and GET /__fake/last-create. Any other /__fake/ path throws `notFound()`,
 * the vendor's own 404.
 */
export function serveAdmin(
  readouts: AdminReadouts,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  sendJson: SendJson,
  notFound: () => Error,
): void {
  if (request.method === 'GET' && pathname === '/__fake/stats') return sendJson(response, 200, readouts.stats);
  if (request.method === 'GET' && pathname === '/__fake/last-create') {
    return sendJson(response, readouts.lastCreate ? 200 : 404, readouts.lastCreate ?? { error: 'no create yet' });
  }
  throw notFound();
}
