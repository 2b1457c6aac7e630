/**
 * The one reasoning knob a neutral request carries, whichever way the client set it: OpenAI's
 * `reasoning_effort`, or Anthropic's `thinking` (clients of `/v1/messages`, and OpenAI clients
 * that know Claude). Every vendor maps it to its own switch (text-providers.md §4.5) instead of
 * receiving a field it would refuse or, worse, ignore in silence.
 */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

export interface ReasoningKnob {
  effort: ReasoningEffort;
  /** A token budget the client named (Anthropic's `budget_tokens`), kept where a vendor takes one. */
  budgetTokens?: number;
  /** The field it came in: reported as `<source>-><vendor field>`. */
  source: 'reasoning_effort' | 'thinking';
}

const EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** The fields a knob can arrive in; an adapter removes both before it writes its own. */
export const REASONING_FIELDS = ['reasoning_effort', 'thinking'] as const;

export function readReasoningKnob(body: Record<string, unknown>): ReasoningKnob | undefined {
  // DeepSeek's name for its top level.
  const effort = body.reasoning_effort === 'max' ? 'xhigh' : body.reasoning_effort;
  if (typeof effort === 'string' && (EFFORTS as readonly string[]).includes(effort)) return { effort: effort as ReasoningEffort, source: 'reasoning_effort' };
  const thinking = body.thinking;
  if (!thinking || typeof thinking !== 'object') return undefined;
  const { type, budget_tokens: budget } = thinking as Record<string, unknown>;
  if (type === 'disabled') return { effort: 'none', source: 'thinking' };
  if (type === 'adaptive' || type === 'auto') return { effort: 'medium', source: 'thinking' };
  if (type !== 'enabled') return undefined;
  if (typeof budget !== 'number') return { effort: 'medium', source: 'thinking' };
  return { effort: effortOfBudget(budget), budgetTokens: budget, source: 'thinking' };
}

/** Off for `none` and `minimal`: vendors with an on/off switch cannot think "minimally". */
export function thinksAt(effort: ReasoningEffort): boolean {
  return effort !== 'none' && effort !== 'minimal';
}

/**
 * Budgets for vendors that take tokens, not levels (Anthropic, DashScope). The same ladder
 * Gemini documents for its OpenAI-compatible endpoint (low 1K, medium 8K, high 24K).
 */
export const BUDGET_OF_EFFORT: Readonly<Record<ReasoningEffort, number>> = { none: 0, minimal: 1_024, low: 1_024, medium: 8_192, high: 24_576, xhigh: 32_768 };

function effortOfBudget(budget: number): ReasoningEffort {
  if (budget <= BUDGET_OF_EFFORT.low) return 'low';
  if (budget <= BUDGET_OF_EFFORT.medium) return 'medium';
  return budget <= BUDGET_OF_EFFORT.high ? 'high' : 'xhigh';
}
