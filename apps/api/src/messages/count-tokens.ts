import type { Registry } from '@reelay/registry';
import { estimateTokens } from '../chat/token-estimate';
import { assertTextGroup } from '../chat/text-groups';
import { parseCountTokensBody } from './messages-request';

/**
 * The input tokens a Messages request would use, estimated on what reelay would send (the
 * translated messages and tools, about four characters a token, as the tpm reservation counts).
 * An estimate, never a vendor's count: a group's deployments may be different vendors.
 */
export function inputTokenEstimate(neutralBody: Record<string, unknown>): number {
  return Math.max(1, estimateTokens({ messages: neutralBody.messages, tools: neutralBody.tools }, 0));
}

/** `POST /v1/messages/count_tokens`: `{input_tokens}` for a known text group. */
export function countTokens(registry: Registry, raw: unknown): { input_tokens: number } {
  const { model, body } = parseCountTokensBody(raw);
  assertTextGroup(registry, model);
  return { input_tokens: inputTokenEstimate(body) };
}
