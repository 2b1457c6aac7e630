import type { IncomingMessage } from 'node:http';
import type { ChatFakeStats, ReceivedChat } from '../chat-fake';
import type { FlavorConfig } from './flavor-config';

export interface FakeState {
  config: FlavorConfig;
  apiKey: string;
  stats: ChatFakeStats;
  received: ReceivedChat[];
  /** `[fail-first=TOKEN]` tokens already failed once. */
  failedOnce: Set<string>;
}

export function newFakeState(config: FlavorConfig, apiKey: string): FakeState {
  return {
    config,
    apiKey,
    stats: { requests: 0, streams: 0, streamsEnded: 0, aborted: 0, rejectedAuth: 0, rateLimited: 0 },
    received: [],
    failedOnce: new Set(),
  };
}

/** Called once per authenticated request, with `{}` when it had no JSON object body. */
export function recordReceived(state: FakeState, request: IncomingMessage, path: string, body: Record<string, unknown>): void {
  const headers: ReceivedChat['headers'] = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  state.received.push({ path, headers, body });
}

/** Copies, so a test's snapshot does not move under later requests. */
export function snapshotReceived(state: FakeState): ReceivedChat[] {
  return state.received.map((entry) => ({ ...entry, headers: { ...entry.headers } }));
}
