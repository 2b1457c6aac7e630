/**
 * A fake of Anthropic's Messages API (text-providers.md §1.2, providers.md §5.2) on node:http:
 * POST /v1/messages as JSON or named-event SSE, POST /v1/messages/count_tokens, the vendor's
 * 400s for what translators get wrong (roles, tool pairing, thinking replay, cache breakpoints,
 * OpenAI-only fields), and the markers of ../chat-fake.ts for 429s, 529s, hangs and cut streams.
 */
import { listen } from '../../shared/listen';
import type { ChatFake, ChatFakeOptions } from '../chat-fake';
import { emptyStats, type FakeState, noIssuedThinking } from './fake-state';
import { handleRequest } from './router';

/** A current model id; any other is served too, except ids starting `missing-`. */
const DEFAULT_MODEL = 'claude-sonnet-4-5-20250929';

export async function startAnthropicFake(options: ChatFakeOptions): Promise<ChatFake> {
  const state: FakeState = { apiKey: options.apiKey, stats: emptyStats(), received: [], signatures: noIssuedThinking() };
  const server = await listen((request, response) => void handleRequest(state, request, response), options);
  return {
    flavor: 'anthropic',
    // Users write `https://api.anthropic.com`: the SDKs and translators add `/v1/messages`.
    apiBase: server.origin,
    origin: server.origin,
    apiKey: options.apiKey,
    model: DEFAULT_MODEL,
    stats: () => ({ ...state.stats }),
    received: () => state.received.map((entry) => ({ ...entry })),
    close: server.close,
  };
}
