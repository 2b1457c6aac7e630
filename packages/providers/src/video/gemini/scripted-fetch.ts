/**
 * Test helper for the Gemini adapter's unit tests (not exported from the package): an injected
 * fetch that records every request and answers from a script, no mocking library.
 */
import type { VideoModelSettings } from '../../spec/video-model';
import { createGeminiVideoModel } from './gemini-video-model';

export interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  redirect?: RequestInit['redirect'];
}

export type Answer = (request: Recorded) => Response;

/** One scripted answer per call, in order; an unexpected extra call fails the test. */
export function scriptedFetch(...answers: Answer[]) {
  const requests: Recorded[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const request: Recorded = { url: String(input), method: init?.method ?? 'GET', headers, redirect: init?.redirect };
    if (text !== undefined) request.body = JSON.parse(text);
    requests.push(request);
    const answer = answers[requests.length - 1];
    if (!answer) throw new Error(`unexpected request ${request.method} ${request.url}`);
    return answer(request);
  }) as typeof fetch;
  return { fetch: fetchFn, requests };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const KEY = 'AIza-test-key-0123456789';
export const OP = 'models/veo-3.1-generate-preview/operations/op123abc';

export function model(fetchFn: typeof fetch, overrides: Partial<VideoModelSettings> = {}) {
  return createGeminiVideoModel({
    model: 'veo-3.1-generate-preview',
    apiKey: KEY,
    apiKeyEnv: 'GEMINI_API_KEY',
    fetch: fetchFn,
    ...overrides,
  });
}

export const rpcError = (code: number, status: string, message: string, details: unknown[] = []) => ({ error: { code, message, status, details } });
