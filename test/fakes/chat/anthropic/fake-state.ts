import type { ChatFakeStats, ReceivedChat } from '../chat-fake';

/**
 * What the fake remembers of the thinking it handed out: each signature with its text (a
 * signature covers the text, so an edited block fails as on Anthropic), each redacted block's
 * data, and per tool_use id the sequence of thinking blocks that preceded it in its answer.
 */
export interface IssuedThinking {
  textOfSignature: Map<string, string>;
  redacted: Set<string>;
  /** tool_use id → the signature or redacted data of each thinking block of its turn, in order. */
  sequenceOfToolUse: Map<string, string[]>;
}

export function noIssuedThinking(): IssuedThinking {
  return { textOfSignature: new Map(), redacted: new Set(), sequenceOfToolUse: new Map() };
}

export interface FakeState {
  apiKey: string;
  stats: ChatFakeStats;
  received: ReceivedChat[];
  /** Every thinking block handed out; a replayed one must match one of them exactly. */
  signatures: IssuedThinking;
}

export function emptyStats(): ChatFakeStats {
  return { requests: 0, streams: 0, streamsEnded: 0, aborted: 0, rejectedAuth: 0, rateLimited: 0 };
}
