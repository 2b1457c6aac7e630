import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ChatStream, ChatStreamPart, ChatUsage, UpstreamError } from '@reelay/providers';
import type { StreamEncoder } from './chat-dialect';

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
  /** The client's dialect: what each chunk, a failure and the end become on the wire. */
  encoder: StreamEncoder;
  /** Sees every chunk, in order (the reasoning vault reads the answer's state from them). */
  observe?(part: Extract<ChatStreamPart, { type: 'chunk' }>): void;
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
 * the stream with the dialect's error event and never a success end.
 */
export async function relayChatStream(stream: ChatStream, res: ServerResponse, options: RelayOptions): Promise<RelayOutcome> {
  const { encoder } = options;
  const held: string[] = [];
  let committed = false;
  let usage: ChatUsage | undefined;

  const write = async (text: string) => {
    if (text !== '' && !res.write(text)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
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
      await write(encoder.failure(part.error));
      res.end();
      return { kind: 'failed_after_commit', error: part.error, usage };
    }
    if (part.usage) usage = part.usage;
    options.observe?.(part);
    const text = encoder.chunk(part);
    if (!committed) {
      if (!part.output) {
        if (text !== '') held.push(text);
        continue;
      }
      await commit();
    }
    await write(text);
    options.onChunk();
  }
  if (options.clientGone()) return { kind: 'client_gone', usage };
  // An answer with no content at all is still the vendor's answer.
  if (!committed) await commit();
  await options.beforeEnd(usage);
  await write(encoder.end(usage));
  res.end();
  return { kind: 'completed', usage };
}
