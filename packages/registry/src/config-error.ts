/**
 * The config cannot be used. The message is one line that says where (file and line, or
 * model and key) and how to fix it, so it can be printed as-is when the process refuses to start.
 * It never contains a secret.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Config path of the problem, e.g. `model_list[1].litellm_params.rpm`, when there is one. */
  readonly path?: string;
  /** 1-based line in the config file, when known. */
  readonly line?: number;

  constructor(message: string, where: { path?: string; line?: number } = {}) {
    super(message);
    if (where.path !== undefined) this.path = where.path;
    if (where.line !== undefined) this.line = where.line;
  }
}
