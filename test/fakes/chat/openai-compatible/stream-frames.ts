import { usageBody, type CompletionHead } from './completion-body';
import type { ChunkHead, FlavorConfig } from './flavor-config';
import { TOOL_CALL_TOKENS, type ScriptedAnswer } from './scripted-answer';

export interface StreamScript {
  includeUsage: boolean;
  /** `[stream-error]`: fail after the preamble, before any chunk. */
  failAtOnce: boolean;
  /** `[cut-after=N]`: fail after N content pieces. */
  cutAfter?: number;
}

/**
 * Every SSE frame of one stream, in order, decided up front so the writer only paces them.
 * A failing stream ends with the vendor's error event and no `[DONE]`, which is how a
 * client tells a cut stream from a finished one.
 */
export function streamFrames(config: FlavorConfig, completion: CompletionHead, answer: ScriptedAnswer, script: StreamScript): string[] {
  const head: ChunkHead = { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model };
  const { usage, preamble = [], chunkExtras } = config.stream;
  const frames = preamble.map((comment) => `${comment}\n\n`);
  const failure = () => data(config.errors.streamError(head));
  if (script.failAtOnce) return [...frames, failure()];

  // Perplexity's running total; the other flavors only report usage at the end.
  let completionSoFar = 0;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => {
    const body: Record<string, unknown> = {
      ...head,
      ...chunkExtras?.({ includeUsage: script.includeUsage }),
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
    if (usage === 'every-chunk') {
      body.usage = usageBody(config, { ...answer.usage, completionTokens: completionSoFar, reasoningTokens: 0 });
    }
    return data(body);
  };

  frames.push(chunk({ role: 'assistant', content: '' }));
  const { reasoningField } = config;
  if (reasoningField) {
    for (const piece of answer.reasoningPieces) frames.push(chunk({ [reasoningField]: piece }));
  }
  completionSoFar += answer.usage.reasoningTokens;
  // One call after the other, each opened by a delta with its id (and the flavor's extras).
  for (const [index, { id, name, argumentPieces, extras }] of answer.toolCalls.entries()) {
    frames.push(chunk({ tool_calls: [{ index, id, type: 'function', function: { name, arguments: '' }, ...extras }] }));
    for (const piece of argumentPieces) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    completionSoFar += TOOL_CALL_TOKENS;
  }
  for (const [index, piece] of answer.contentPieces.entries()) {
    if (index === script.cutAfter) return [...frames, failure()];
    completionSoFar += 1;
    frames.push(chunk({ content: piece }));
  }
  // A cut past the last piece still fails before the finish chunk: the answer never completes.
  if (script.cutAfter !== undefined) return [...frames, failure()];

  completionSoFar = answer.usage.completionTokens;
  frames.push(chunk({}, answer.finishReason));
  if (usage === 'always' || (usage === 'requested' && script.includeUsage)) {
    frames.push(data({ ...head, ...chunkExtras?.({ includeUsage: true }), choices: [], usage: usageBody(config, answer.usage) }));
  }
  frames.push('data: [DONE]\n\n');
  return frames;
}

function data(body: unknown): string {
  return `data: ${JSON.stringify(body)}\n\n`;
}
