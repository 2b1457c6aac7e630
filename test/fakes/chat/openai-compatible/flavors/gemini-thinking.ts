import type { ChatRequest } from '../chat-request';
import { isRecord, valueAt } from '../json-path';
import type { RequestProblem } from '../vendor-error';

/**
 * Gemini's thinking knobs on the OpenAI-compatible endpoint (text-providers.md §1.3):
 * `reasoning_effort`, or the native `thinking_config` under `extra_body.google` (as the REST docs
 * send it) or top-level `google` (what an SDK's `extra_body` flattens to). Never both.
 */
/** ai.google.dev/gemini-api/docs/openai: "Reasoning cannot be turned off for Gemini 2.5 Pro or 3 models". */
const CANNOT_DISABLE = /^gemini-(?:2\.5|3)[^/]*pro/;

export function checkThinkingKnobs(request: ChatRequest): RequestProblem | undefined {
  const effort = request.body.reasoning_effort;
  if (effort === undefined || effort === null) return undefined;
  if (effort === 'none' && CANNOT_DISABLE.test(request.model)) {
    // The words Gemini answers a zero budget with on these models (several client codebases quote them).
    return { message: 'Budget 0 is invalid. This model only works in thinking mode.', param: 'reasoning_effort', code: null };
  }
  const native = [valueAt(request.body, 'extra_body', 'google', 'thinking_config'), valueAt(request.body, 'google', 'thinking_config')];
  if (native.some((config) => isRecord(config) && (config.thinking_budget !== undefined || config.thinking_level !== undefined))) {
    // The docs' sentence: no captured error body was found for this case.
    return {
      message: 'reasoning_effort and thinking_level/thinking_budget overlap functionality, so they can\'t be used at the same time.',
      param: 'reasoning_effort',
      code: null,
    };
  }
  return undefined;
}
