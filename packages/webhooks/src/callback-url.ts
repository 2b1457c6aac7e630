import { checkOutboundUrl, type OutboundUrlCheck } from '@reelay/egress';

export interface CheckCallbackUrlOptions {
  /** WEBHOOK_ALLOW_PRIVATE: let callbacks reach loopback and private networks (local dev, same-VPC receivers). */
  allowPrivate: boolean;
}

/** A client's `callback_url` under the egress policy, with the webhook's own way to authenticate named. */
export function checkCallbackUrl(url: string, options: CheckCallbackUrlOptions): OutboundUrlCheck {
  return checkOutboundUrl(url, {
    ...options,
    field: 'callback_url',
    credentialsHint: 'verify the webhook-signature header instead, or put a token in the path or query',
  });
}
