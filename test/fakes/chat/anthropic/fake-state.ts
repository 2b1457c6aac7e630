import type { ChatFakeStats, ReceivedChat } from '../chat-fake';

export interface FakeState {
  apiKey: string;
  stats: ChatFakeStats;
  received: ReceivedChat[];
  /** Every thinking signature handed out; a replayed thinking block must carry one of them. */
  signatures: Set<string>;
}

export function emptyStats(): ChatFakeStats {
  return { requests: 0, streams: 0, streamsEnded: 0, aborted: 0, rejectedAuth: 0, rateLimited: 0 };
}
