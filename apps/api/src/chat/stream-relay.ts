import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ChatStream, ChatUsage, UpstreamError } from '@reelay/providers';

export type RelayOutcome =
  /** Nothing reached the client yet: the router may try another deployment. */
  | { kind: 'failed_before_commit'; error: UpstreamError }
  | { kind: 'completed'; usage?: ChatUsage }
  /** Content had reached the client when the vendor failed: the stream ended with an error event. */
  | { kind: 'failed_after_commit'; error: UpstreamError; usage?: ChatUsage }
  | { kind: 'client_gone'; usage?: ChatUsage };

export interface RelayOptions {
  /** Writes the status line and headers; called once, at the commit point. */
  commit(): void;
  /** The client asked for the final `choices: []` usage chunk. */
  includeUsage: boolean;
  /** Re-arms the deployment's timeout after each chunk once committed (an idle limit). */
  onChunk(): void;
  clientGone(): boolean;
  /** Runs before the last bytes of a completed stream (the limits are settled then). */
  beforeEnd(usage: ChatUsage | undefined): Promise<void>;
}

/**
 * Relays a vendor's stream to the client with one commit point: chunks that show nothing (the
 * role preamble) are held back until the first content, a tool call or a finish; a failure
 * before it lets the router fail over with the client none the wiser; a failure after it ends
 * the stream with an OpenAI-shaped error event and never `[DONE]`. Chunks pass as the vendor's
 * own JSON text.
 */
export async function relayChatStream(stream: ChatStream, res: ServerResponse, options: RelayOptions): Promise<RelayOutcome> {
  const held: string[] = [];
  let committed = false;
  let usage: ChatUsage | undefined;
  let sentUsageChunk = false;
  let firstChunk: string | undefined;

  const write = async (text: string) => {
    if (!res.write(text)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  };
  const commit = async () => {
    committed = true;
    options.commit();
    for (const line of held) await write(line);
    held.length = 0;
  };

  for await (const part of stream) {
    if (options.clientGone()) return { kind: 'client_gone', usage };
    if (part.type === 'error') {
      if (!committed) return { kind: 'failed_before_commit', error: part.error };
      await write(`data: ${JSON.stringify(errorEvent(part.error))}\n\n`);
      res.end();
      return { kind: 'failed_after_commit', error: part.error, usage };
    }
    firstChunk ??= part.json;
    if (part.usage) usage = part.usage;
    if (part.usageOnly) {
      if (!options.includeUsage) continue;
      sentUsageChunk = true;
    }
    const line = `data: ${part.json}\n\n`;
    if (!committed) {
      if (!part.output && !part.usageOnly) {
        held.push(line);
        continue;
      }
      await commit();
    }
    await write(line);
    options.onChunk();
  }
  if (options.clientGone()) return { kind: 'client_gone', usage };
  // An answer with no content at all is still the vendor's answer.
  if (!committed) await commit();
  if (options.includeUsage && !sentUsageChunk && usage) await write(`data: ${usageChunk(firstChunk, usage)}\n\n`);
  await options.beforeEnd(usage);
  await write('data: [DONE]\n\n');
  res.end();
  return { kind: 'completed', usage };
}

/** OpenAI's error shape as an SSE event: what the `openai` client raises mid-stream. */
function errorEvent(error: UpstreamError) {
  return { error: { message: error.message, type: 'server_error', param: null, code: error.code } };
}

/** The final usage chunk for vendors that report usage on their chunks instead (Perplexity). */
function usageChunk(firstChunk: string | undefined, usage: ChatUsage): string {
  let head: Record<string, unknown> = {};
  try {
    const first = JSON.parse(firstChunk ?? '{}') as Record<string, unknown>;
    head = { id: first.id, created: first.created, model: first.model };
  } catch {
    // no chunk to copy the id from: the usage chunk still stands on its own
  }
  return JSON.stringify({
    ...head,
    object: 'chat.completion.chunk',
    choices: [],
    usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens, ...(usage.cachedTokens !== undefined ? { prompt_tokens_details: { cached_tokens: usage.cachedTokens } } : {}) },
  });
}
