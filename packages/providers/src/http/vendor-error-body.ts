/** What a vendor said in an error body, whatever shape it came in. */
export interface VendorErrorWords {
  /** The vendor's own words, trimmed to a readable length. */
  message: string;
  /** Its code (`invalid_api_key`, `API_KEY_INVALID`, `Throttling.RateQuota`, `401`), if any. */
  code?: string;
  /** Its type or Google status (`authentication_error`, `INVALID_ARGUMENT`), if any. */
  type?: string;
}

const MAX_MESSAGE = 500;

/**
 * Reads every error shape the text vendors use (text-providers.md §0.3):
 * OpenAI's `{error:{message,type,code}}` (numeric codes too: OpenRouter), xAI's
 * `{code, error: "…"}`, Google's arrays `[{error:{code,message,status,details}}]`, Anthropic's
 * `{type:"error", error:{type,message}}`, DashScope/Ark's top-level `{code,message}`, and
 * HTML pages (Perplexity's 401 from openresty), whose `<title>` is the message.
 */
export function readVendorError(body: string): VendorErrorWords {
  const parsed = safeParse(body);
  const root = Array.isArray(parsed) ? parsed[0] : parsed;
  if (root && typeof root === 'object') {
    const record = root as Record<string, unknown>;
    const inner = record.error;
    if (inner && typeof inner === 'object') {
      const error = inner as Record<string, unknown>;
      const reason = googleReason(error.details);
      return {
        message: clip(text(error.message) ?? text(record.message) ?? body),
        code: reason ?? text(error.code) ?? text(record.code),
        type: text(error.status) ?? text(error.type),
      };
    }
    if (typeof inner === 'string') return { message: clip(inner), code: text(record.code), type: text(record.type) };
    if (record.message !== undefined || record.code !== undefined) {
      return { message: clip(text(record.message) ?? body), code: text(record.code), type: text(record.type) };
    }
  }
  const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
  if (title) return { message: clip(`${title.trim()} (an HTML page)`) };
  return { message: clip(body.trim() || 'an empty body') };
}

function googleReason(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const reason = detail && typeof detail === 'object' ? (detail as Record<string, unknown>).reason : undefined;
    if (typeof reason === 'string') return reason;
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function clip(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}

function safeParse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
