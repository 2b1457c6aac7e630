/**
 * The conversation rules Anthropic enforces on `messages`: roles, a first user turn,
 * non-empty content, and the tool_use → tool_result pairing between adjacent turns. The
 * pairing is checked after consecutive same-role messages are merged, as Anthropic does, so
 * one user message per tool result (Portkey's shape, text-providers.md §2.2) is accepted.
 */
import { invalidRequest } from './anthropic-error';
import { readContent, type ContentBlock } from './content-blocks';
import { isJsonObject } from './request-body';

export type Role = 'user' | 'assistant';

export interface Turn {
  role: Role;
  blocks: ContentBlock[];
}

export function readTurns(value: unknown): Turn[] {
  if (value === undefined) throw invalidRequest('messages: Field required');
  if (!Array.isArray(value)) throw invalidRequest('messages: Input should be a valid list');
  if (value.length === 0) throw invalidRequest('messages: at least one message is required');
  const messages = value.map((message, index) => readMessage(message, index, index === value.length - 1));
  if (messages[0]?.role !== 'user') throw invalidRequest('messages: first message must use the "user" role');
  const turns = mergeSameRole(messages);
  checkToolPairing(turns);
  return turns;
}

function readMessage(message: unknown, index: number, isLast: boolean): Turn {
  const path = `messages.${index}`;
  if (!isJsonObject(message)) throw invalidRequest(`${path}: Input should be a valid dictionary`);
  const role = message.role;
  if (role === 'system') {
    throw invalidRequest(
      'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
    );
  }
  if (role !== 'user' && role !== 'assistant') {
    throw invalidRequest(`messages: Unexpected role "${String(role)}". Allowed roles are "user" and "assistant".`);
  }
  if (message.content === undefined) throw invalidRequest(`${path}.content: Field required`);
  // An empty string is one empty text block, which readContent refuses; an empty list gets the turn-level message.
  const empty = message.content === '' || (Array.isArray(message.content) && message.content.length === 0);
  // Only a final assistant message (a prefill) may be empty.
  if (empty && !(isLast && role === 'assistant')) {
    throw invalidRequest(`${path}: all messages must have non-empty content except for the optional final assistant message`);
  }
  return { role, blocks: empty ? [] : readContent(message.content, `${path}.content`) };
}

function mergeSameRole(messages: Turn[]): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    const previous = turns.at(-1);
    if (previous?.role === message.role) previous.blocks.push(...message.blocks);
    else turns.push({ role: message.role, blocks: [...message.blocks] });
  }
  return turns;
}

/** Results are checked before calls: a wrong id is reported as the unexpected result it is. */
function checkToolPairing(turns: Turn[]): void {
  turns.forEach((turn, index) => {
    const previous = turns[index - 1];
    const offered = new Set(previous?.role === 'assistant' ? toolUseIds(previous) : []);
    const unexpected = toolResultIds(turn).filter((id) => turn.role !== 'user' || !offered.has(id));
    if (unexpected.length > 0) {
      throw invalidRequest(
        `messages.${index}.content.0: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    }
  });
  turns.forEach((turn, index) => {
    const next = turns[index + 1];
    const answered = new Set(next ? toolResultIds(next) : []);
    const unanswered = turn.role === 'assistant' ? toolUseIds(turn).filter((id) => !answered.has(id)) : [];
    if (unanswered.length > 0) {
      throw invalidRequest(
        `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
  });
}

const toolUseIds = (turn: Turn) => turn.blocks.flatMap((block) => (block.type === 'tool_use' ? [block.id] : []));
const toolResultIds = (turn: Turn) => turn.blocks.flatMap((block) => (block.type === 'tool_result' ? [block.toolUseId] : []));
