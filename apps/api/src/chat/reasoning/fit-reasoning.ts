import { NO_REASONING_REPLAY, SKIP_THOUGHT_SIGNATURE, type ReasoningReplay } from '@reelay/providers';
import { type Json, signatureOf, type TurnOrigin } from './turn-state';

const STATE_FIELDS = ['reasoning_content', 'thinking_blocks'] as const;

export interface FitTarget {
  replay: ReasoningReplay | undefined;
  /** The vendor's model id the attempt calls. */
  model: string;
}

/**
 * The history as one target can take it (per attempt: a failover may land on another vendor).
 * State the target reads back is kept when the same family (and, for Gemini signatures, the
 * same model) wrote it; state it cannot read is left out; where the vendor requires something,
 * its documented placeholder goes in: Gemini's `skip_thought_signature_validator` on the first
 * call of a turn without a signature, an empty `reasoning_content` for DeepSeek. State a client
 * sent with no record of its origin is trusted as the client's own.
 */
export function fitReasoning(body: Json, origins: ReadonlyMap<number, TurnOrigin>, target: FitTarget): Json {
  const replay = target.replay ?? NO_REASONING_REPLAY;
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  let changed: Json[] | undefined;
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'assistant') continue;
    const fitted = fitMessage(message, origins.get(index), replay, target.model);
    if (fitted === message) continue;
    changed ??= [...messages];
    changed[index] = fitted;
  }
  return changed ? { ...body, messages: changed } : body;
}

function fitMessage(message: Json, origin: TurnOrigin | undefined, replay: ReasoningReplay, model: string): Json {
  const toolCalls = Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]) : undefined;
  const needsPlaceholder = toolCalls !== undefined && (replay.reasoningContent === 'required' || replay.thoughtSignatures === 'required');
  const carriesState = STATE_FIELDS.some((field) => message[field] !== undefined) || toolCalls?.some((call) => call.extra_content !== undefined);
  if (!needsPlaceholder && !carriesState) return message;

  const sameFamily = origin === undefined || origin.family === replay.family;
  const out: Json = { ...message };
  if (replay.reasoningContent === 'stripped' || !sameFamily) delete out.reasoning_content;
  if (replay.reasoningContent === 'required' && toolCalls && typeof out.reasoning_content !== 'string') out.reasoning_content = '';
  if (!replay.thinkingBlocks || !sameFamily) delete out.thinking_blocks;
  if (toolCalls) out.tool_calls = fitSignatures(toolCalls, replay.thoughtSignatures !== 'stripped' && sameFamily && (origin === undefined || origin.model === model), replay.thoughtSignatures === 'required');
  return out;
}

/** Signatures are bound to the model that made them: kept for it, else dropped, and the first call gets Gemini's placeholder. */
function fitSignatures(calls: Json[], keep: boolean, placeholder: boolean): Json[] {
  const fitted = calls.map((call) => {
    if (call.extra_content === undefined || keep) return call;
    const { extra_content: _dropped, ...rest } = call;
    return rest;
  });
  const first = fitted[0];
  if (placeholder && first && signatureOf(first) === undefined) {
    fitted[0] = { ...first, extra_content: { google: { thought_signature: SKIP_THOUGHT_SIGNATURE } } };
  }
  return fitted;
}
