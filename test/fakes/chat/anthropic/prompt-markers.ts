import { readChatMarkers, type ChatMarkers } from '../chat-markers';
import type { Turn } from './message-turns';

export type { ChatMarkers };

/** The markers of ../chat-fake.ts from the last user turn; a tool result is the user's text too, so markers also steer the turn after a tool call. */
export function readMarkers(turns: Turn[]): ChatMarkers {
  const turn = turns.findLast((candidate) => candidate.role === 'user');
  return readChatMarkers((turn?.blocks ?? []).map((block) => (block.type === 'text' ? block.text : block.type === 'tool_result' ? block.text : '')).join('\n'));
}
