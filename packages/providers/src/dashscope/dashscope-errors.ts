import { withoutSecret } from '../http/without-secret';
import { z } from 'zod';
import type { UpstreamErrorCode } from '../contract/upstream-error-code';
import { codeForStatus } from '../http/call-upstream';

/** DashScope's native error body: `{code, message, request_id}` (providers.md §3). */
const errorBody = z.object({
  code: z.string().nullish(),
  message: z.string().nullish(),
  request_id: z.string().nullish(),
});

export interface FailureContext {
  /** Where the key came from, named in auth errors (never the key itself). */
  keyName: string;
  /** The origin in use, named in auth errors because keys are region-bound. */
  origin: string;
  modelId: string;
  /** Removed from every message, in case a body ever echoes it. */
  apiKey?: string;
}

export interface DescribedFailure {
  code: UpstreamErrorCode;
  message: string;
  retryable?: boolean;
}

/** Turns a non-2xx DashScope answer into our code, with a message that says what to fix. */
export function describeDashScopeFailure(context: FailureContext, status: number, body: string): DescribedFailure {
  const parsed = errorBody.safeParse(safeJson(body));
  const vendorCode = parsed.success ? (parsed.data.code ?? undefined) : undefined;
  const vendorMessage = parsed.success ? (parsed.data.message ?? '') : body.slice(0, 300);
  const requestId = parsed.success && parsed.data.request_id ? `request_id ${parsed.data.request_id}.` : '';
  const said = sentence(`DashScope answered ${status}${vendorCode ? ` ${vendorCode}` : ''}: ${vendorMessage}`);
  const described = classify(context, status, vendorCode);
  const message = [said, described.hint, requestId].filter(Boolean).join(' ');
  return { code: described.code, message: redact(message, context.apiKey), ...(described.retryable === undefined ? {} : { retryable: described.retryable }) };
}

function classify(context: FailureContext, status: number, vendorCode: string | undefined) {
  const regionHint =
    `Check ${context.keyName}. DashScope keys are region-bound: api_base (${context.origin}) must be the region the key ` +
    'was created in (Singapore dashscope-intl.aliyuncs.com, Beijing dashscope.aliyuncs.com, Virginia dashscope-us.aliyuncs.com, or your workspace domain).';
  if (vendorCode === 'InvalidApiKey' || status === 401) return { code: 'upstream_auth' as const, hint: regionHint, retryable: false };
  if (vendorCode === 'DataInspectionFailed' || vendorCode === 'IPInfringementSuspect') {
    return { code: 'content_policy_violation' as const, hint: 'DashScope content moderation refused the prompt or image.', retryable: false };
  }
  if (vendorCode === 'Arrearage') {
    return { code: 'upstream_auth' as const, hint: `The Alibaba Cloud account behind ${context.keyName} has an overdue payment; top it up.`, retryable: false };
  }
  if (vendorCode === 'ModelNotFound' || (status === 404 && /model/i.test(vendorCode ?? ''))) {
    return { code: 'invalid_request' as const, hint: `Model ${context.modelId} is not available in the region of ${context.origin}.`, retryable: false };
  }
  if (vendorCode?.startsWith('Throttling') || status === 429) return { code: 'upstream_rate_limited' as const, hint: '' };
  if (vendorCode === 'AccessDenied' || status === 403) {
    return { code: 'upstream_auth' as const, hint: `${context.keyName} may not use ${context.modelId} (workspace permissions or region).`, retryable: false };
  }
  if (vendorCode === 'InvalidParameter') return { code: 'invalid_request' as const, hint: '', retryable: false };
  return { code: codeForStatus(status), hint: '' };
}

/** Maps `output.code` of a FAILED task (which DashScope reports with HTTP 200). */
export function failedTaskCode(code: string | null | undefined): UpstreamErrorCode {
  if (code === 'DataInspectionFailed' || code === 'IPInfringementSuspect') return 'content_policy_violation';
  if (code === 'InvalidParameter' || code?.startsWith('InvalidParameter.')) return 'invalid_request';
  return 'upstream_error';
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/:$/, '');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function redact(text: string, secret: string | undefined): string {
  return withoutSecret(text, secret, '[REDACTED]');
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
