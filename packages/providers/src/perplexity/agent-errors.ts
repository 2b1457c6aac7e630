import type { VendorErrorWords } from '../http/vendor-error-body';
import type { AgentError, AgentResponse } from './agent-wire';

/** A run that ended without an answer, though the HTTP status was 200 (Perplexity's `failed` and `cancelled`). */
export function agentFailureOf(response: AgentResponse): AgentError | undefined {
  if (response.status === 'failed') return response.error ?? { message: 'the run failed without saying why' };
  if (response.status === 'cancelled') return response.error ?? { message: 'the run was cancelled' };
  return undefined;
}

/** The HTTP status an in-body error would have had, for the shared classifier. */
export function statusOfAgentError(error: AgentError): number {
  if (typeof error.code === 'number' && error.code >= 400 && error.code < 600) return error.code;
  if (typeof error.code === 'string' && /^[45]\d\d$/.test(error.code)) return Number(error.code);
  const said = `${error.type ?? ''} ${typeof error.code === 'string' ? error.code : ''}`;
  if (/rate_limit/i.test(said)) return 429;
  if (/forbidden|unauthori[sz]ed|auth/i.test(said)) return 403;
  if (/timeout/i.test(said)) return 504;
  if (/^\s*invalid|bad_request/i.test(said)) return 400;
  return 502;
}

/** An Agent API error object in the words the shared failure builder takes. */
export function wordsOfAgentError(error: AgentError): VendorErrorWords {
  return {
    message: error.message?.trim() || 'no message',
    ...(error.code !== undefined && error.code !== null ? { code: String(error.code) } : {}),
    ...(error.type ? { type: error.type } : {}),
  };
}
