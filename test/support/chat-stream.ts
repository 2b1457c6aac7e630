import type OpenAI from 'openai';

export interface CollectedToolCall {
  id: string;
  function: { name: string; arguments: string };
}

/** A chat completion stream as the `openai` client yields it, read the way an app reads it. */
export interface CollectedStream {
  /** The content deltas joined. */
  text: string;
  /** The `reasoning_content` deltas joined (DeepSeek, Qwen, Claude through reelay). */
  reasoning: string;
  finish: string | null | undefined;
  /** Final `choices: []` usage chunks (one when include_usage was asked for). */
  usages: OpenAI.CompletionUsage[];
  /** Tool calls assembled by index; only OpenAI's own fields, as a client that drops the rest keeps them. */
  toolCalls: CollectedToolCall[];
}

export async function collectChatStream(stream: AsyncIterable<OpenAI.ChatCompletionChunk>): Promise<CollectedStream> {
  const collected: CollectedStream = { text: '', reasoning: '', finish: undefined, usages: [], toolCalls: [] };
  for await (const chunk of stream) {
    if (chunk.usage && chunk.choices.length === 0) collected.usages.push(chunk.usage);
    const choice = chunk.choices[0];
    if (!choice) continue;
    const delta = choice.delta as OpenAI.ChatCompletionChunk.Choice.Delta & { reasoning_content?: string };
    collected.text += delta.content ?? '';
    collected.reasoning += delta.reasoning_content ?? '';
    collected.finish = choice.finish_reason ?? collected.finish;
    for (const call of delta.tool_calls ?? []) {
      const entry = (collected.toolCalls[call.index] ??= { id: '', function: { name: '', arguments: '' } });
      if (call.id) entry.id = call.id;
      entry.function.name += call.function?.name ?? '';
      entry.function.arguments += call.function?.arguments ?? '';
    }
  }
  return collected;
}
