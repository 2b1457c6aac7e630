import type { ChatCompletion } from '../contract/chat-model';
import { sonarSourcesOf } from './agent-sources';
import { finishReasonOf, fromAgentUsage, usageJson } from './agent-usage';
import type { AgentResponse } from './agent-wire';

/** The answer text: every `output_text` part of every message item, in order (what the SDKs call `output_text`). */
export function outputTextOf(response: AgentResponse): string {
  return (response.output ?? [])
    .filter((item) => item.type === 'message')
    .flatMap((item) => item.content ?? [])
    .filter((part) => part.type === 'output_text')
    .map((part) => part.text ?? '')
    .join('');
}

/**
 * A finished Agent API run as a `chat.completion`, shaped as Sonar's were: the text as the
 * message content, `citations` and `search_results` top-level, usage with Perplexity's cost.
 * `model` is the one that answered (a preset names its underlying model here).
 */
export function fromAgentResponse(response: AgentResponse, requestedModel: string, now = Date.now()): ChatCompletion {
  const usage = fromAgentUsage(response.usage) ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  const completion = {
    id: response.id ?? `resp_${now}`,
    object: 'chat.completion',
    created: response.created_at ?? Math.floor(now / 1000),
    model: response.model ?? requestedModel,
    choices: [{ index: 0, message: { role: 'assistant', content: outputTextOf(response) }, finish_reason: finishReasonOf(response), logprobs: null }],
    ...sonarSourcesOf(response.output),
    usage: usageJson(usage, response.usage),
  };
  return { json: JSON.stringify(completion), usage };
}
