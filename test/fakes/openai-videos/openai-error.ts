/** The standard OpenAI error envelope: `{"error": {message, type, param, code}}`. */
export interface OpenAIErrorDetail {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** Thrown by handlers; the router turns it into the HTTP answer. */
export class OpenAIHttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: OpenAIErrorDetail,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail.message);
    this.name = 'OpenAIHttpError';
  }

  body(): { error: OpenAIErrorDetail } {
    return { error: this.detail };
  }
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null, status = 400) {
  return new OpenAIHttpError(status, { message, type: 'invalid_request_error', param, code });
}

export function notFound(message: string) {
  return invalidRequest(message, null, null, 404);
}

export function unknownParameter(name: string) {
  return invalidRequest(`Unknown parameter: '${name}'.`, name, 'unknown_parameter');
}

export function invalidType(name: string, expected: string, value: unknown) {
  return invalidRequest(
    `Invalid type for '${name}': expected ${expected}, but got ${describeType(value)} instead.`,
    name,
    'invalid_type',
  );
}

/** Enum violations; `code: null` as the fake's spec (providers.md §1 gives only the 400). */
export function invalidValue(name: string, value: string, allowed: readonly string[], context = '') {
  const list = allowed.map((entry) => `'${entry}'`);
  const head = list.slice(0, -1).join(', ');
  const spelled = list.length > 2 ? `${head}, and ${list.at(-1)}` : list.length === 2 ? `${head} and ${list.at(-1)}` : (list[0] ?? '');
  return invalidRequest(`Invalid value: '${value}'. Supported values${context} are: ${spelled}.`, name, null);
}

/** OpenAI never echoes a key: only its last four characters, behind a fixed prefix. */
export function incorrectApiKey(presented: string | undefined) {
  if (!presented) {
    return new OpenAIHttpError(401, {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  }
  const tail = presented.length >= 8 ? presented.slice(-4) : '****';
  return new OpenAIHttpError(401, {
    message: `Incorrect API key provided: sk-...${tail}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  });
}

export function rateLimited(options: { message?: string; retryAfterSeconds?: number; headers?: Record<string, string> } = {}) {
  return new OpenAIHttpError(
    429,
    { message: options.message ?? 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' },
    { ...options.headers, 'retry-after': String(options.retryAfterSeconds ?? 2) },
  );
}

export function serverError() {
  return new OpenAIHttpError(500, {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    param: null,
    code: null,
  });
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}
