/**
 * A fake of api.perplexity.ai after Sonar chat completions (text-providers.md §1.6) on
 * node:http: the Agent API at POST /v1/agent and its alias /v1/responses, as JSON or as typed
 * SSE events, with its strict body checks (`messages` is an unknown field there), web search
 * results and the markers of ../chat-fake.ts; the retired chat completions routes answer 410.
 * A host that still serves Sonar chat completions is the OpenAI-compatible `perplexity` flavor.
 */
import { listen } from '../../shared/listen';
import type { ChatFake, ChatFakeOptions } from '../chat-fake';
import { newFakeState } from './fake-state';
import { handleRequest } from './router';

export async function startPerplexityFake(options: ChatFakeOptions): Promise<ChatFake> {
  const state = newFakeState(options.apiKey);
  const server = await listen((request, response) => void handleRequest(state, request, response), options);
  return {
    flavor: 'perplexity',
    // Users write the origin, https://api.perplexity.ai; the adapter adds /v1/agent.
    apiBase: server.origin,
    origin: server.origin,
    apiKey: options.apiKey,
    // What a config names; reelay sends it as the Agent API's `perplexity/sonar`.
    model: 'sonar',
    stats: () => ({ ...state.stats }),
    received: () => state.received.map((entry) => ({ ...entry, headers: { ...entry.headers } })),
    close: server.close,
  };
}
