/**
 * Extended thinking and the settings Anthropic refuses next to it (text-providers.md §1.2:
 * `budget_tokens` ≥ 1024). Translators that pass OpenAI defaults through (temperature 0.7,
 * a forced tool) get the vendor's 400 here rather than in production.
 */
import { invalidRequest } from './anthropic-error';
import { isJsonObject } from './request-body';
import type { SamplingParams } from './sampling-params';
import type { ToolParams } from './tool-params';

const MIN_BUDGET_TOKENS = 1024;
const DOCS = 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

/** Whether the answer may carry thinking blocks. */
export function readThinking(value: unknown, sampling: SamplingParams, tools: ToolParams): boolean {
  if (value === undefined) return false;
  if (!isJsonObject(value)) throw invalidRequest('thinking: Input should be a valid dictionary');
  if (value.type === 'disabled') return false;
  if (value.type === 'enabled') {
    const budget = value.budget_tokens;
    if (typeof budget !== 'number' || !Number.isInteger(budget)) throw invalidRequest('thinking.enabled.budget_tokens: Input should be a valid integer');
    if (budget < MIN_BUDGET_TOKENS) throw invalidRequest(`thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_BUDGET_TOKENS}`);
    if (sampling.maxTokens !== undefined && sampling.maxTokens <= budget) {
      throw invalidRequest(`\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at ${DOCS}#max-tokens-and-context-window-size`);
    }
  } else if (value.type !== 'adaptive') {
    throw invalidRequest(`thinking: Input tag '${String(value.type)}' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'`);
  }
  if (sampling.temperature !== undefined && sampling.temperature !== 1) {
    throw invalidRequest(`\`temperature\` may only be set to 1 when thinking is enabled. Please consult our documentation at ${DOCS}#feature-compatibility`);
  }
  if (sampling.topK !== undefined) throw invalidRequest(`\`top_k\` must be unset when thinking is enabled. Please consult our documentation at ${DOCS}#feature-compatibility`);
  if (tools.choice?.type === 'any' || tools.choice?.type === 'tool') throw invalidRequest('Thinking may not be enabled when tool_choice forces tool use.');
  return true;
}
