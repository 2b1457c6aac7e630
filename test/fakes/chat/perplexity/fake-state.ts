import type { ChatFakeStats, ReceivedChat } from '../chat-fake';

export interface FakeState {
  apiKey: string;
  stats: ChatFakeStats;
  received: ReceivedChat[];
  /** `[fail-first=TOKEN]` tokens already failed once. */
  failedOnce: Set<string>;
}

export function newFakeState(apiKey: string): FakeState {
  return { apiKey, stats: { requests: 0, streams: 0, streamsEnded: 0, aborted: 0, rejectedAuth: 0, rateLimited: 0 }, received: [], failedOnce: new Set() };
}
