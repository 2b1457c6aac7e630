import { randomUUID } from 'node:crypto';
import type { ChatMarkers } from '../chat-markers';
import type { AgentRequest } from './agent-request';

/** What the "agent" answers, decided once so the JSON and the event stream cannot disagree. */
export interface AgentAnswer {
  id: string;
  messageId: string;
  createdAt: number;
  /** The engine as the request named it (a preset's name until the run ends). */
  requested: string;
  /** The model that answered: a preset names one in the final snapshot, as Perplexity's do. */
  answeredBy: string;
  pieces: string[];
  /** Empty when the run had no web search. */
  results: SearchResult[];
  queries: string[];
  reasoning: string[];
  /** `max_output_tokens` was reached before the end: status `incomplete`. */
  cut: boolean;
  inputTokens: number;
  outputTokens: number;
}

export interface SearchResult {
  id: number;
  url: string;
  title: string;
  snippet: string;
  date?: string;
  last_updated: string;
  source: 'web';
}

const RESULTS: SearchResult[] = [
  { id: 1, url: 'https://example.com/paris-weather', title: 'Paris weather today', snippet: 'Mild and cloudy in Paris.', date: '2026-12-02', last_updated: '2026-12-03', source: 'web' },
  { id: 2, url: 'https://example.org/france/paris', title: 'Paris, France', snippet: 'Paris is the capital of France.', last_updated: '2026-11-28', source: 'web' },
];
/** Which model a preset resolves to in this fake (Perplexity's choice changes over time). */
const PRESET_MODELS: Readonly<Record<string, string>> = { fast: 'perplexity/sonar', 'fast-search': 'perplexity/sonar' };
const PRESET_DEFAULT_MODEL = 'openai/gpt-5.1';
/** Perplexity floors max_output_tokens at 16 (its migration notes). */
const MIN_OUTPUT_TOKENS = 16;

export function planAgentAnswer(request: AgentRequest, markers: ChatMarkers): AgentAnswer {
  const words = markers.long === undefined ? ['Hello', ' from', ' perplexity'] : Array.from({ length: markers.long }, (_, index) => `${index === 0 ? '' : ' '}w${index + 1}`);
  const budget = request.maxOutputTokens === undefined ? Number.POSITIVE_INFINITY : Math.max(MIN_OUTPUT_TOKENS, request.maxOutputTokens);
  const pieces = words.slice(0, budget);
  const text = [request.instructions, ...request.turns.map((turn) => turn.text)].join('');
  const requested = request.preset ?? request.model ?? '';
  const reasoning = markers.reasoning ? ['Planning the search...', 'Reading the results...'] : [];
  return {
    id: `resp_${randomUUID()}`,
    messageId: `msg_${randomUUID()}`,
    createdAt: Math.floor(Date.now() / 1000),
    requested,
    answeredBy: request.preset ? (PRESET_MODELS[request.preset] ?? PRESET_DEFAULT_MODEL) : requested,
    pieces,
    results: request.searches ? RESULTS.map((result) => ({ ...result })) : [],
    queries: request.searches ? [request.turns.findLast((turn) => turn.role === 'user')?.text.slice(0, 80) ?? ''] : [],
    reasoning,
    cut: pieces.length < words.length,
    inputTokens: Math.ceil(text.length / 4),
    outputTokens: pieces.length + (reasoning.length > 0 ? 5 : 0),
  };
}
