import type { IncomingMessage } from 'node:http';
import type { ChatFakeStats, ReceivedChat } from '../chat-fake';
import type { FlavorConfig } from './flavor-config';
import type { IssuedToolCall } from './issued-tool-calls';
import type { ScriptedToolCall } from './scripted-answer';

export interface FakeState {
  config: FlavorConfig;
  apiKey: string;
  stats: ChatFakeStats;
  received: ReceivedChat[];
  /** `[fail-first=TOKEN]` tokens already failed once. */
  failedOnce: Set<string>;
  /** Every tool call answered, oldest first: what flavors check replayed state against. */
  issued: IssuedToolCall[];
}

export function newFakeState(config: FlavorConfig, apiKey: string): FakeState {
  return {
    config,
    apiKey,
    stats: { requests: 0, streams: 0, streamsEnded: 0, aborted: 0, rejectedAuth: 0, rateLimited: 0 },
    received: [],
    failedOnce: new Set(),
    issued: [],
  };
}

/** A long-running `pnpm start:fakes` must not grow without bound; no test replays that far back. */
const MAX_ISSUED = 10_000;

export function recordIssued(state: FakeState, model: string, calls: readonly ScriptedToolCall[]): void {
  for (const [index, { id, name, extras }] of calls.entries()) state.issued.push({ model, id, name, index, ...(extras ? { extras } : {}) });
  if (state.issued.length > MAX_ISSUED) state.issued.splice(0, state.issued.length - MAX_ISSUED);
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
