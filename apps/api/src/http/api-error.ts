/** OpenAI's error shape: `{error: {message, type, param, code}}`. */
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null; [extra: string]: unknown };
}

/** An error a client caused or must know about; rendered in OpenAI's shape, never with a stack. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly options: {
      type?: string;
      param?: string | null;
      code?: string | null;
      headers?: Record<string, string>;
      /** Documented extra fields of `error` (the router's `attempts`); clients that do not know them ignore them. */
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return {
      error: {
        message: this.message,
        type: this.options.type ?? defaultType(this.status),
        param: this.options.param ?? null,
        code: this.options.code ?? null,
        ...this.options.extra,
      },
    };
  }
}

function defaultType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
