import { randomUUID } from 'node:crypto';
import type { ChatRequest } from '../chat-request';
import type { RequestRejection } from '../flavor-config';
import { VendorHttpError } from '../vendor-error';

/**
 * Qwen's thinking on DashScope's compatible mode (text-providers.md §1.7): top-level
 * `enable_thinking` and `thinking_budget`, output in `reasoning_content`.
 */
/** The open-source hybrid Qwen3 ids: `qwen3-32b`, `qwen3-235b-a22b`, `qwen3-0.6b` (not the `-2507` thinking/instruct splits). */
const HYBRID_OPEN_SOURCE = /^qwen3-\d+(?:\.\d+)?b(?:-a\d+(?:\.\d+)?b)?$/;
/** Qwen 3.5 and later think unless told not to (§1.7, litellm PR #40720). */
const THINKS_BY_DEFAULT = /^qwen3\.(?:[5-9]|\d{2,})/;
/** qwen3-235b-a22b's and qwen-plus's maximum; the real bound varies by model (CherryHQ/cherry-studio#7263). */
const MAX_THINKING_BUDGET = 38_912;

/** An explicit `enable_thinking` wins; without it the hybrid open-source models and Qwen ≥ 3.5 think. */
export function dashscopeThinkingOn(request: ChatRequest): boolean {
  const flag = request.body.enable_thinking;
  if (typeof flag === 'boolean') return flag;
  return HYBRID_OPEN_SOURCE.test(request.model) || THINKS_BY_DEFAULT.test(request.model);
}

export function checkDashscopeThinking(request: ChatRequest): RequestRejection | undefined {
  const budget = request.body.thinking_budget;
  if (budget !== undefined && !(typeof budget === 'number' && Number.isInteger(budget) && budget > 0 && budget <= MAX_THINKING_BUDGET)) {
    // The dialect adds the algorithm prefix: `<400> InternalError.Algo.InvalidParameter: The thinking_budget …`.
    return { message: `The thinking_budget parameter must be a positive integer and not greater than ${MAX_THINKING_BUDGET}`, param: 'thinking_budget', code: null };
  }
  if (!request.stream && HYBRID_OPEN_SOURCE.test(request.model) && dashscopeThinkingOn(request)) {
    // This one comes without the algorithm prefix, and with the completion id (infiniflow/ragflow#8972, OpenBMB/UltraRAG#287).
    const requestId = randomUUID();
    return new VendorHttpError(400, {
      error: { code: 'invalid_parameter_error', param: null, message: 'parameter.enable_thinking must be set to false for non-streaming calls', type: 'invalid_request_error' },
      id: `chatcmpl-${requestId}`,
      request_id: requestId,
    });
  }
  return undefined;
}
