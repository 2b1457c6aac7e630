import type { ChatStreamPart } from '../contract/chat-model';
import { agentFailureOf } from './agent-errors';
import { SourceCollector, sonarSourcesOf, type SonarSources } from './agent-sources';
import { finishReasonOf, fromAgentUsage, usageJson } from './agent-usage';
import type { AgentError, AgentEvent, AgentResponse } from './agent-wire';

type Json = Record<string, unknown>;

const SOURCE_ITEMS = new Set(['search_results', 'fetch_url_results', 'message']);

/**
 * The Agent API's typed events as `chat.completion.chunk`s, one event at a time.
 * `response.created` gives the role chunk, `response.output_text.delta` the content, and the
 * terminal `response.completed` (or `incomplete`) the finish chunk and the usage chunk.
 * Search results arrive before the text (`response.reasoning.search_results`, then the
 * `search_results` item); they go out as Sonar clients read them: `citations` and
 * `search_results` top-level on the first content chunk after they are known, and complete,
 * from the final snapshot, on the finish chunk and the usage chunk. Reasoning progress
 * (`response.reasoning.*` thoughts such as "Searching the web...") and the `search_web`
 * function_call item carry nothing for a chat client.
 */
export class AgentStreamTranslator {
  private id = '';
  private model: string;
  private created = Math.floor(Date.now() / 1000);
  private started = false;
  private sourcesSent = false;
  private readonly sources = new SourceCollector();
  /** Set when the run ended in `response.failed`, `response.cancelled` or an `error` event. */
  failure: AgentError | undefined;
  stopped = false;

  constructor(requestedModel: string) {
    this.model = requestedModel;
  }

  /** The chunks one event makes (often none). */
  translate(event: AgentEvent): ChatStreamPart[] {
    switch (event.type) {
      case 'response.created':
      case 'response.in_progress':
        return this.start(event.response);
      case 'response.reasoning.search_results':
        this.sources.addResults(event.results ?? []);
        return [];
      case 'response.reasoning.fetch_url_results':
        this.sources.add({ type: 'fetch_url_results', contents: event.contents ?? [] });
        return [];
      case 'response.output_item.done':
        if (event.item && SOURCE_ITEMS.has(event.item.type)) this.sources.add(event.item);
        return [];
      case 'response.output_text.delta':
        return [...this.start(undefined), this.content(event.delta ?? '')];
      case 'response.completed':
      case 'response.incomplete':
        return this.finish(event);
      case 'response.failed':
      case 'response.cancelled':
      case 'error':
        this.stopped = true;
        this.failure = event.error ?? event.response?.error ?? { message: event.type === 'response.cancelled' ? 'the run was cancelled' : `the stream reported ${event.type}`, type: event.type };
        return [];
      default:
        return [];
    }
  }

  private start(response: AgentResponse | null | undefined): ChatStreamPart[] {
    if (this.started) return [];
    this.started = true;
    if (response?.id) this.id = response.id;
    if (response?.model) this.model = response.model;
    if (typeof response?.created_at === 'number') this.created = response.created_at;
    return [this.chunk({ role: 'assistant', content: '' }, null, false)];
  }

  private content(text: string): ChatStreamPart {
    // Once only: Sonar repeated them on every chunk, which costs a client kilobytes per token.
    const sources = this.sourcesSent ? undefined : this.sources.sources;
    const attach = sources !== undefined && sources.citations.length > 0;
    if (attach) this.sourcesSent = true;
    return this.chunk({ content: text }, null, text !== '', attach ? sources : undefined);
  }

  private finish(event: AgentEvent): ChatStreamPart[] {
    this.stopped = true;
    const response = event.response ?? {};
    const failure = agentFailureOf(response);
    if (failure) {
      this.failure = failure;
      return [];
    }
    const head = this.start(response);
    // The snapshot is complete; what the stream announced stands in if it lists nothing.
    const final = sonarSourcesOf(response.output);
    const sources = final.citations.length > 0 ? final : this.sources.sources;
    const finishReason = event.type === 'response.incomplete' && response.status !== 'incomplete' ? 'length' : finishReasonOf(response);
    const parts = [...head, this.chunk({}, finishReason, true, sources)];
    const usage = fromAgentUsage(response.usage);
    if (usage) {
      const json = JSON.stringify({ ...this.head(), choices: [], ...sources, usage: usageJson(usage, response.usage) });
      parts.push({ type: 'chunk', json, output: false, usageOnly: true, usage });
    }
    return parts;
  }

  private head() {
    return { id: this.id || `resp_${this.created}`, object: 'chat.completion.chunk', created: this.created, model: this.model };
  }

  private chunk(delta: Json, finishReason: string | null, output: boolean, sources?: SonarSources): ChatStreamPart {
    const json = JSON.stringify({ ...this.head(), choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }], ...sources });
    return { type: 'chunk', json, output, usageOnly: false };
  }
}
