import { readChatMarkers, type ChatMarkers } from '../chat-markers';
import type { Turn } from './message-turns';

/** Anthropic's own marker besides the shared ones: `[redacted]` adds a redacted_thinking block after the thinking. */
export type AnthropicMarkers = ChatMarkers & { redacted: boolean };

export type { ChatMarkers };

/** The markers of ../chat-fake.ts from the last user turn; a tool result is the user's text too, so markers also steer the turn after a tool call. */
export function readMarkers(turns: Turn[]): AnthropicMarkers {
  const turn = turns.findLast((candidate) => candidate.role === 'user');
  const text = (turn?.blocks ?? []).map((block) => (block.type === 'text' ? block.text : block.type === 'tool_result' ? block.text : '')).join('\n');
  return { ...readChatMarkers(text), redacted: text.includes('[redacted]') };
}
