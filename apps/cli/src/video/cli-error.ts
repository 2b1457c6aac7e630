/**
 * An error the command line reports as `reelay video: <message>` with the fix under it, never
 * with a stack. `transient` ones (the api unreachable, 429, 5xx) are retried while waiting.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly options: {
      fix?: string;
      /** Default 1. */
      exitCode?: number;
      /** Default false. */
      transient?: boolean;
      /** How long the server asked us to wait (Retry-After), in ms. */
      retryAfterMs?: number;
      /** The HTTP status, when the api answered. */
      status?: number;
    } = {},
  ) {
    super(message);
    this.name = 'CliError';
  }

  get exitCode(): number {
    return this.options.exitCode ?? 1;
  }

  render(): string {
    return `reelay video: ${this.message}\n${this.options.fix ? `  fix: ${this.options.fix}\n` : ''}`;
  }
}
