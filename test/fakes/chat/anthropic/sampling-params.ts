/**
 * The scalar top-level fields of a Messages request. Unknown fields are refused as Anthropic's
 * strict schema does ("Extra inputs are not permitted"), which catches OpenAI-only fields
 * (`n`, `stream_options`, `user`, `max_completion_tokens`) a translator forgot to map.
 */
import { invalidRequest } from './anthropic-error';
import { requireString } from './content-blocks';
import { isJsonObject, type JsonObject } from './request-body';

const COMMON_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'mcp_servers', 'context_management', 'output_config', 'output_format'];
const MESSAGES_FIELDS = [...COMMON_FIELDS, 'max_tokens', 'metadata', 'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k', 'service_tier', 'container'];

export type Endpoint = 'messages' | 'count_tokens';

export interface SamplingParams {
  model: string;
  /** Absent only on count_tokens, which has no such field. */
  maxTokens: number | undefined;
  temperature: number | undefined;
  topK: number | undefined;
  stopSequences: string[];
  stream: boolean;
}

export function readSamplingParams(body: JsonObject, endpoint: Endpoint): SamplingParams {
  const allowed = endpoint === 'messages' ? MESSAGES_FIELDS : COMMON_FIELDS;
  const extra = Object.keys(body).find((key) => !allowed.includes(key));
  if (extra !== undefined) throw invalidRequest(`${extra}: Extra inputs are not permitted`);
  const model = requireString(body.model, 'model');
  if (endpoint === 'count_tokens') return { model, maxTokens: undefined, temperature: undefined, topK: undefined, stopSequences: [], stream: false };
  if (body.max_tokens === undefined) throw invalidRequest('max_tokens: Field required');
  const maxTokens = readInteger(body.max_tokens, 'max_tokens', 1);
  readMetadata(body.metadata);
  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw invalidRequest('stream: Input should be a valid boolean');
  readUnitInterval(body.top_p, 'top_p');
  return {
    model,
    maxTokens,
    temperature: readUnitInterval(body.temperature, 'temperature'),
    topK: body.top_k === undefined ? undefined : readInteger(body.top_k, 'top_k', 0),
    stopSequences: readStopSequences(body.stop_sequences),
    stream: body.stream === true,
  };
}

function readInteger(value: unknown, path: string, minimum: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidRequest(`${path}: Input should be a valid integer`);
  if (value < minimum) throw invalidRequest(`${path}: Input should be greater than or equal to ${minimum}`);
  return value;
}

/** Anthropic's temperature and top_p live in [0, 1]; OpenAI's temperature goes to 2, so a translator must clamp. */
function readUnitInterval(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw invalidRequest(`${path}: Input should be a valid number`);
  if (value < 0) throw invalidRequest(`${path}: Input should be greater than or equal to 0`);
  if (value > 1) throw invalidRequest(`${path}: Input should be less than or equal to 1`);
  return value;
}

function readMetadata(value: unknown): void {
  if (value === undefined) return;
  if (!isJsonObject(value)) throw invalidRequest('metadata: Input should be a valid dictionary');
  const extra = Object.keys(value).find((key) => key !== 'user_id');
  if (extra !== undefined) throw invalidRequest(`metadata.${extra}: Extra inputs are not permitted`);
  if (value.user_id !== undefined && value.user_id !== null) requireString(value.user_id, 'metadata.user_id');
}

function readStopSequences(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidRequest('stop_sequences: Input should be a valid list');
  return value.map((sequence, index) => {
    const text = requireString(sequence, `stop_sequences.${index}`);
    if (text.trim().length === 0) throw invalidRequest('stop_sequences: each stop sequence must contain non-whitespace');
    return text;
  });
}
