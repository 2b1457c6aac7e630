import type { UpstreamErrorCode } from '../contract/upstream-error-code';
import type { VendorErrorWords } from './vendor-error-body';

const KEY_WORDS = /api[ _-]?key|invalid_api_key|API_KEY_INVALID|authentication|unauthori[sz]ed|credentials/i;
const MODERATION_WORDS = /content[ _-]?(?:policy|filter|management)|moderation|DataInspectionFailed|safety|inappropriate/i;
/** Out of money, not out of requests per minute: no retry helps. A rate quota (`Throttling.RateQuota`, Google's RESOURCE_EXHAUSTED) is a rate limit. */
const BILLING_WORDS = /insufficient_quota|insufficient.balance|billing|credits?\b|Arrearage|AccountOverdue|spend_limit/i;

export interface ChatFailureClass {
  code: UpstreamErrorCode;
  retryable: boolean;
}

/**
 * What an error answer means, from its status and the vendor's own words. The status alone
 * misleads: xAI and Gemini answer a bad key with 400, OpenAI a spent quota with 429
 * (`insufficient_quota`, never worth a retry), DashScope an overdue account with 400.
 */
export function classifyChatFailure(status: number, words: VendorErrorWords): ChatFailureClass {
  const said = `${words.code ?? ''} ${words.type ?? ''} ${words.message}`;
  if (status === 401 || status === 403) return { code: 'upstream_auth', retryable: false };
  // By code, not words: OpenAI's spent quota and Gemini's per-minute RESOURCE_EXHAUSTED share "exceeded your current quota".
  if (status === 402 || BILLING_WORDS.test(`${words.code ?? ''} ${words.type ?? ''}`)) return { code: 'upstream_quota', retryable: false };
  if (status === 400 && KEY_WORDS.test(said) && !/max_tokens|parameter/i.test(words.code ?? '')) return { code: 'upstream_auth', retryable: false };
  if (status === 408) return { code: 'upstream_timeout', retryable: true };
  if (status === 429) return { code: 'upstream_rate_limited', retryable: true };
  if (status >= 500) return { code: 'upstream_error', retryable: true };
  if (MODERATION_WORDS.test(said)) return { code: 'content_policy_violation', retryable: false };
  return { code: 'invalid_request', retryable: false };
}
