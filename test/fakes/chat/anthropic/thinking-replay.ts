/**
 * Thinking blocks sent back must be the ones Anthropic issued, unmodified and in their order,
 * and a tool loop under thinking must replay them first (text-providers.md §1.2 and §3.1: the
 * most common reasoning bug of gateways). The fake remembers every block it handed out.
 */
import { invalidRequest } from './anthropic-error';
import type { IssuedThinking } from './fake-state';
import type { Turn } from './message-turns';

const DOCS = 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

export function checkThinkingReplay(turns: Turn[], thinkingEnabled: boolean, issued: IssuedThinking): void {
  turns.forEach((turn, index) => {
    turn.blocks.forEach((block, at) => {
      if (block.type === 'thinking' && issued.textOfSignature.get(block.signature) !== block.thinking) {
        throw invalidRequest(`messages.${index}.content.${at}: Invalid \`signature\` in \`thinking\` block`);
      }
      if (block.type === 'redacted_thinking' && !issued.redacted.has(block.data)) {
        throw invalidRequest(`messages.${index}.content.${at}: Invalid \`data\` in \`redacted_thinking\` block`);
      }
    });
    if (turn.role === 'assistant') checkOrder(turn, index, issued);
  });
  if (!thinkingEnabled) return;
  const last = turns.at(-1);
  const assistantIndex = turns.length - 2;
  const assistant = turns[assistantIndex];
  if (!last || !assistant || !last.blocks.some((block) => block.type === 'tool_result')) return;
  const first = assistant.blocks[0];
  if (first?.type === 'thinking' || first?.type === 'redacted_thinking') return;
  throw invalidRequest(
    `messages.${assistantIndex}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${first?.type ?? 'nothing'}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at ${DOCS}`,
  );
}

/** A turn that replays thinking replays all of it, in the order it was issued (interleaved blocks must not be reordered). */
function checkOrder(turn: Turn, index: number, issued: IssuedThinking): void {
  const sent = turn.blocks.flatMap((block) => (block.type === 'thinking' ? [block.signature] : block.type === 'redacted_thinking' ? [block.data] : []));
  if (sent.length === 0) return;
  const toolUse = turn.blocks.find((block) => block.type === 'tool_use');
  const expected = toolUse?.type === 'tool_use' ? issued.sequenceOfToolUse.get(toolUse.id) : undefined;
  if (!expected) return;
  if (sent.length !== expected.length || sent.some((key, at) => key !== expected[at])) {
    throw invalidRequest(
      `messages.${index}.content: the thinking and redacted_thinking blocks of an assistant turn must be passed back unmodified and in the order they were received (expected ${expected.length}, got ${sent.length}${sent.length === expected.length ? ' in another order' : ''})`,
    );
  }
}
