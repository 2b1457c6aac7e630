/**
 * Thinking blocks sent back must be the ones Anthropic issued, unmodified, and a tool loop
 * under thinking must replay them first (text-providers.md §1.2 and §3.1: the most common
 * reasoning bug of gateways). The fake remembers every signature it handed out.
 */
import { invalidRequest } from './anthropic-error';
import type { Turn } from './message-turns';

const DOCS = 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

export function checkThinkingReplay(turns: Turn[], thinkingEnabled: boolean, issuedSignatures: ReadonlySet<string>): void {
  turns.forEach((turn, index) => {
    const forged = turn.blocks.findIndex((block) => block.type === 'thinking' && !issuedSignatures.has(block.signature));
    if (forged >= 0) throw invalidRequest(`messages.${index}.content.${forged}: Invalid \`signature\` in \`thinking\` block`);
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
