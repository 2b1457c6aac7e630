/**
 * Test helper for adapter unit tests (not exported from the package): an injected fetch that
 * records every request and answers from a script, one answer per call, no mocking library.
 * An unexpected extra call fails the test.
 */

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** A string body parsed as JSON; absent for GETs and binary bodies. */
  body?: unknown;
  redirect?: RequestInit['redirect'];
}

export type ScriptedAnswer = (request: RecordedRequest) => Response;

export function scriptedFetch(...answers: ScriptedAnswer[]) {
  const requests: RecordedRequest[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const request: RecordedRequest = { url: String(input), method: init?.method ?? 'GET', headers, redirect: init?.redirect };
    if (typeof init?.body === 'string') request.body = JSON.parse(init.body);
    requests.push(request);
    const answer = answers[requests.length - 1];
    if (!answer) throw new Error(`unexpected request ${requests.length}: ${request.method} ${request.url}`);
    return answer(request);
  }) as typeof fetch;
  return { fetch: fetchFn, requests };
}

/** A JSON answer with the given status and headers. */
export const jsonAnswer =
  (status: number, body: unknown, headers: Record<string, string> = {}): ScriptedAnswer =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
