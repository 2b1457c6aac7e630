import { z } from 'zod';
import type { UpstreamErrorCode } from '../contract/upstream-error-code';
import { codeForStatus } from '../http/call-upstream';
import { modelSpellingHint, type ArkFlavour } from './ark-models';

export const ARK_LABELS: Readonly<Record<ArkFlavour, string>> = {
  volcengine: 'Volcengine Ark',
  byteplus: 'BytePlus ModelArk',
};

/** `{"error":{"code","message","param","type"}}`, sometimes with `request_id` (providers.md §4). */
const errorBody = z.object({
  error: z.object({
    code: z.string().nullish(),
    message: z.string().nullish(),
    param: z.string().nullish(),
    type: z.string().nullish(),
  }),
});

export interface ArkErrorFields {
  code?: string;
  message?: string;
  param?: string;
}

export function parseArkError(body: string): ArkErrorFields {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body.trim() ? { message: body.trim().slice(0, 300) } : {};
  }
  const parsed = errorBody.safeParse(json);
  if (!parsed.success) return {};
  const { code, message, param } = parsed.data.error;
  return { code: code ?? undefined, message: message ?? undefined, param: param || undefined };
}

export interface ArkFailureContext {
  flavour: ArkFlavour;
  model: string;
  /** How a message names the key to fix: the env var, never the key. */
  keyName: string;
  /** Only used to scrub the key should a vendor message ever echo it. */
  apiKey?: string;
}

/** Non-2xx answers of the Ark data plane as our codes, with a hint at what to fix. */
export function describeArkFailure(context: ArkFailureContext, status: number, body: string) {
  const label = ARK_LABELS[context.flavour];
  const vendor = parseArkError(body);
  const vendorCode = vendor.code ?? '';
  let code: UpstreamErrorCode = codeForStatus(status);
  let hint = '';
  let retryable: boolean | undefined;

  if (status === 401) {
    hint = ` Check ${context.keyName}: it must be a ${label} API key.`;
  } else if (status === 403) {
    code = 'upstream_auth';
    retryable = false;
    if (/Overdue/i.test(vendorCode)) hint = ` The account behind ${context.keyName} is overdue: top up its ${label} balance.`;
    else if (/ServiceNotOpen/i.test(vendorCode)) hint = ` Activate the model service for the account behind ${context.keyName} in the ${label} console.`;
    else hint = ` Check that the account behind ${context.keyName} may use ${context.model}.`;
  } else if (status === 400 && /SensitiveContent/i.test(vendorCode)) {
    code = 'content_policy_violation';
    retryable = false;
  } else if (status === 404 && /InvalidEndpointOrModel|ModelNotOpen/i.test(vendorCode)) {
    code = 'invalid_request';
    hint = ` Activate ${context.model} for the account behind ${context.keyName} in the ${label} console, or use an endpoint id (ep-…).`;
    hint += modelSpellingHint(context.flavour, context.model);
  }

  const what = [status, vendorCode].filter(Boolean).join(' ');
  const param = vendor.param ? ` (param: ${vendor.param})` : '';
  const message = scrub(`${label} answered ${what}: ${vendor.message ?? 'no message'}${param}.${hint}`, context.apiKey);
  return { code, message, ...(retryable === undefined ? {} : { retryable }) };
}

/** Codes a failed task carries in `error.code` (e.g. OutputVideoSensitiveContentDetected). */
export function arkTaskErrorCode(code: string | null | undefined): UpstreamErrorCode {
  if (!code) return 'upstream_error';
  if (/SensitiveContent/i.test(code)) return 'content_policy_violation';
  if (/^(InvalidParameter|MissingParameter)/i.test(code)) return 'invalid_request';
  return 'upstream_error';
}

function scrub(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[redacted]') : text;
}
