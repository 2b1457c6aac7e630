/**
 * Thrown at connect time when the address a webhook would reach is not public. Delivery
 * treats it as final: retrying cannot change where a URL points without a DNS change,
 * and a rebinding attacker is exactly who would benefit from more attempts.
 */
export class EgressRefusedError extends Error {
  readonly code = 'ERR_WEBHOOK_EGRESS_REFUSED';
  /** The hostname from the URL. */
  readonly host: string;
  /** The non-public address it resolved to (or the literal address itself). */
  readonly address: string;

  constructor(host: string, address: string, description: string) {
    const target = host === address ? description : `${host}: it resolves to ${description}`;
    super(
      `refused to connect to ${target}; reelay refuses private, loopback, link-local and metadata addresses unless WEBHOOK_ALLOW_PRIVATE=true`,
    );
    this.name = 'EgressRefusedError';
    this.host = host;
    this.address = address;
  }
}

export function isEgressRefusedError(error: unknown): error is EgressRefusedError {
  return (
    error instanceof EgressRefusedError ||
    (error instanceof Error && (error as { code?: unknown }).code === 'ERR_WEBHOOK_EGRESS_REFUSED')
  );
}
