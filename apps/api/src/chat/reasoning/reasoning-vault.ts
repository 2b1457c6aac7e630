import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Json, signatureOf, type TurnOrigin, type TurnState } from './turn-state';

/** A day: long enough for an agent's session, short enough that nothing piles up. */
export const DEFAULT_REASONING_TTL_SECONDS = 86_400;
/** Far above any real turn's thinking (a few hundred KB at most), far below what would hurt Redis. */
export const MAX_STORED_TURN_CHARS = 2 * 1024 * 1024;

/** What the vault gave back: the body with dropped state filled in, and who wrote each restored turn. */
export interface RestoredBody {
  body: Json;
  /** Index of an assistant message in `body.messages` → the origin of the state restored into it. */
  origins: ReadonlyMap<number, TurnOrigin>;
}

interface StoredTurn {
  o: TurnOrigin;
  /** Set on the other ids of a turn: the id the state is stored under. */
  ref?: string;
  rc?: string;
  tb?: Json[];
  sg?: Record<string, string>;
}

/**
 * Keeps the reasoning state of tool-calling turns in Redis, so a client that drops fields it
 * does not know (most do) still continues the conversation: the next request's tool call ids
 * find the state again on any api process. The ids themselves stay the vendor's short ones;
 * nothing is smuggled inside them (LiteLLM's signature-in-id breaks the 40-character limit and
 * Anthropic's id pattern on failover, text-providers.md §2.2). Keys are per caller (owner), so
 * one key's state never reaches another's conversation. Redis trouble costs the state, never
 * the request.
 */
export class ReasoningVault {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    options: { prefix?: string; ttlSeconds?: number } = {},
  ) {
    this.prefix = `${options.prefix ?? 'reelay'}:reasoning`;
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_REASONING_TTL_SECONDS;
  }

  private readonly ttlSeconds: number;

  /**
   * Saves one turn's state under its first tool call id, and a pointer to it under each other
   * id: every id of the turn finds it, and a long reasoning text is stored once.
   */
  async keep(owner: string, state: TurnState): Promise<void> {
    const stored: StoredTurn = { o: state.origin };
    if (state.reasoningContent) stored.rc = state.reasoningContent;
    if (state.thinkingBlocks?.length) stored.tb = state.thinkingBlocks;
    if (state.signatures && Object.keys(state.signatures).length > 0) stored.sg = state.signatures;
    const [first, ...others] = state.toolCallIds;
    const value = JSON.stringify(stored);
    // Redis runs with noeviction: one runaway answer must not eat the memory the queues need.
    if (value.length > MAX_STORED_TURN_CHARS) {
      this.logger.warn({ chars: value.length, provider: state.origin.provider }, 'reasoning state of one turn too large to keep; a client that drops it will have to start the tool loop again');
      return;
    }
    const write = this.redis.multi().set(this.key(owner, first!), value, 'EX', this.ttlSeconds);
    for (const id of others) write.set(this.key(owner, id), JSON.stringify({ ref: first }), 'EX', this.ttlSeconds);
    await write.exec().catch((error: Error) => {
      this.logger.warn({ err: error.message }, 'could not keep reasoning state in Redis; a client that drops it will have to start the tool loop again');
    });
  }

  /**
   * Fills in, on each assistant message with tool calls, the state the client did not send
   * back. A client that kept a field wins over the vault. Bodies without tool calls in their
   * history cost no Redis call.
   */
  async restore(owner: string, body: Json): Promise<RestoredBody> {
    const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
    const turns: Array<{ index: number; ids: string[] }> = [];
    for (const [index, message] of messages.entries()) {
      if (message.role !== 'assistant' || !Array.isArray(message.tool_calls)) continue;
      const ids = (message.tool_calls as Json[]).map((call) => call.id).filter((id): id is string => typeof id === 'string' && id !== '');
      if (ids.length > 0) turns.push({ index, ids });
    }
    if (turns.length === 0) return { body, origins: new Map() };
    let found: Array<string | null>;
    try {
      found = await this.redis.mget(turns.flatMap((turn) => turn.ids.map((id) => this.key(owner, id))));
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not read reasoning state from Redis; the request goes on with what the client sent');
      return { body, origins: new Map() };
    }
    const origins = new Map<number, TurnOrigin>();
    const restored = [...messages];
    let at = 0;
    for (const turn of turns) {
      const values = found.slice(at, at + turn.ids.length);
      at += turn.ids.length;
      const stored = await this.resolve(owner, values.find((value) => value !== null));
      if (!stored) continue;
      restored[turn.index] = withState(messages[turn.index]!, stored);
      origins.set(turn.index, stored.o);
    }
    return origins.size === 0 ? { body, origins } : { body: { ...body, messages: restored }, origins };
  }

  /** A stored turn, following a pointer when the client's first id was not the turn's first (it dropped a call). */
  private async resolve(owner: string, raw: string | null | undefined): Promise<StoredTurn | undefined> {
    const stored = parseTurn(raw);
    if (stored?.ref === undefined) return stored;
    const target = parseTurn(await this.redis.get(this.key(owner, stored.ref)).catch(() => null));
    return target?.ref === undefined ? target : undefined;
  }

  private key(owner: string, toolCallId: string): string {
    return `${this.prefix}:${owner}:${toolCallId}`;
  }
}

function parseTurn(raw: string | null | undefined): StoredTurn | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as StoredTurn;
  } catch {
    return undefined;
  }
}

function withState(message: Json, stored: StoredTurn): Json {
  const out: Json = { ...message };
  if (out.reasoning_content === undefined && stored.rc !== undefined) out.reasoning_content = stored.rc;
  if (out.thinking_blocks === undefined && stored.tb !== undefined) out.thinking_blocks = stored.tb;
  const signatures = stored.sg;
  if (signatures) {
    out.tool_calls = (message.tool_calls as Json[]).map((call) => {
      const signature = typeof call.id === 'string' ? signatures[call.id] : undefined;
      if (signature === undefined || signatureOf(call) !== undefined) return call;
      return { ...call, extra_content: { ...(call.extra_content as Json | undefined), google: { ...((call.extra_content as Json | undefined)?.google as Json | undefined), thought_signature: signature } } };
    });
  }
  return out;
}
