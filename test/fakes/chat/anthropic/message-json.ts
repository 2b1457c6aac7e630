/** The Messages API objects, built from one plan for both the JSON answer and the stream. */
import type { AnswerPlan, PlannedBlock } from './answer-plan';

/** A block as it stands when finished (non-stream `content`). */
export function finishedBlock(block: PlannedBlock) {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: block.pieces.join(''), signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'text':
      return { type: 'text', text: block.pieces.join('') };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  }
}

/** A block as `content_block_start` opens it: empty, filled by the deltas that follow. */
export function openedBlock(block: PlannedBlock) {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'redacted_thinking':
      // Arrives whole in its start event; no deltas follow.
      return { type: 'redacted_thinking', data: block.data };
    case 'text':
      return { type: 'text', text: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
}

export function finishedMessage(plan: AnswerPlan) {
  return {
    ...messageHead(plan),
    content: plan.blocks.map(finishedBlock),
    stop_reason: plan.stopReason,
    stop_sequence: plan.stopSequence,
    usage: usage(plan, plan.outputTokens),
  };
}

/** `message_start`'s message: no content or stop reason yet, and output_tokens 1 as Anthropic sends. */
export function startedMessage(plan: AnswerPlan) {
  return { ...messageHead(plan), content: [], stop_reason: null, stop_sequence: null, usage: usage(plan, 1) };
}

function messageHead(plan: AnswerPlan) {
  return { id: plan.id, type: 'message', role: 'assistant', model: plan.model };
}

function usage(plan: AnswerPlan, outputTokens: number) {
  const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens } = plan.input;
  return { input_tokens, output_tokens: outputTokens, cache_creation_input_tokens, cache_read_input_tokens };
}
