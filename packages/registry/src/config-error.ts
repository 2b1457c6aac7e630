/**
 * The config cannot be used. The message is one line that says where (file and line, or
 * model and key) and how to fix it, so it can be printed as-is when the process refuses to start.
 * It never contains a secret.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /**
   * Config path of the problem, e.g. `model_list[1].litellm_params.rpm`, when there is one: the
   * path inside `file`, so an entry of an included file counts from that file's own model_list.
   */
  readonly path?: string;
  /** 1-based line in `file`, when known. */
  readonly line?: number;
  /** The file the problem is written in: the config itself or a file it names in `include:`. */
  readonly file?: string;

  constructor(message: string, where: { path?: string; line?: number; file?: string } = {}) {
    super(message);
    if (where.path !== undefined) this.path = where.path;
    if (where.line !== undefined) this.line = where.line;
    if (where.file !== undefined) this.file = where.file;
  }
}
