import type { ChatUsage, UpstreamError } from '@reelay/providers';

/** One streamed chunk as the relay hands it to a dialect. */
export interface RelayedChunk {
  /** The `chat.completion.chunk` JSON text (the vendor's own where it speaks OpenAI). */
  json: string;
  /** The final `choices: []` chunk that only reports usage. */
  usageOnly: boolean;
}

/** Writes one streamed answer in a client's dialect; one encoder per response (it may keep state). */
export interface StreamEncoder {
  readonly contentType: string;
  /** The bytes one chunk becomes on the wire ('' for none). */
  chunk(chunk: RelayedChunk): string;
  /** The stream failed after content reached the client: the dialect's error event (never a success end). */
  failure(error: UpstreamError): string;
  /** A completed stream's last bytes, with the usage the vendor reported. */
  end(usage: ChatUsage | undefined): string;
}

/**
 * How answers are written for one client dialect. The chat service routes, fails over and
 * relays in the neutral format (OpenAI Chat Completions); a dialect only encodes what goes out
 * (DESIGN: client dialects translate at the HTTP edge, never inside a vendor adapter).
 */
export interface ChatDialect {
  /** A non-stream answer's body and content type, from the `chat.completion` JSON text. */
  completion(json: string): { body: string; contentType: string };
  streamEncoder(options: { includeUsage: boolean }): StreamEncoder;
}

/** OpenAI Chat Completions, the neutral format: chunks pass as the vendor's own JSON text. */
export const openAIDialect: ChatDialect = {
  completion: (json) => ({ body: json, contentType: 'application/json' }),
  streamEncoder: ({ includeUsage }) => new OpenAIStreamEncoder(includeUsage),
};

class OpenAIStreamEncoder implements StreamEncoder {
  readonly contentType = 'text/event-stream; charset=utf-8';
  private firstChunk: string | undefined;
  private sentUsageChunk = false;

  constructor(private readonly includeUsage: boolean) {}

  chunk(chunk: RelayedChunk): string {
    this.firstChunk ??= chunk.json;
    if (chunk.usageOnly) {
      if (!this.includeUsage) return '';
      this.sentUsageChunk = true;
    }
    return `data: ${chunk.json}\n\n`;
  }

  failure(error: UpstreamError): string {
    // OpenAI's error shape as an SSE event: what the `openai` client raises mid-stream.
    return `data: ${JSON.stringify({ error: { message: error.message, type: 'server_error', param: null, code: error.code } })}\n\n`;
  }

  end(usage: ChatUsage | undefined): string {
    const usageChunk = this.includeUsage && !this.sentUsageChunk && usage ? `data: ${usageChunkOf(this.firstChunk, usage)}\n\n` : '';
    return `${usageChunk}data: [DONE]\n\n`;
  }
}

/** The final usage chunk for vendors that report usage on their chunks instead (Perplexity). */
function usageChunkOf(firstChunk: string | undefined, usage: ChatUsage): string {
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
