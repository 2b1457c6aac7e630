import { randomBytes } from 'node:crypto';

/**
 * A vendor's error answer, thrown by handlers and written by the router as is: the vendors
 * disagree on everything here (status, envelope, even JSON vs HTML), so each flavor builds
 * its own and nothing downstream reshapes it.
 */
export class VendorHttpError extends Error {
  constructor(
    readonly status: number,
    /** JSON-serialisable, or a string sent verbatim (Perplexity's HTML 401). */
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    /** Overrides the flavor's JSON content type, e.g. `text/html` for a proxy page. */
    readonly contentType?: string,
  ) {
    super(`fake vendor error ${status}`);
    this.name = 'VendorHttpError';
  }

  /** The same error with more headers (the router adds `retry-after` to every scripted 429). */
  withHeaders(headers: Record<string, string>): VendorHttpError {
    return new VendorHttpError(this.status, this.body, { ...this.headers, ...headers }, this.contentType);
  }
}

/** A request the common or vendor checks refused, in OpenAI's wording; each dialect wraps it. */
export interface RequestProblem {
  message: string;
  param: string | null;
  code: string | null;
}

/** The envelope OpenAI made standard and several vendors copy: `{"error":{message,type,param,code}}`. */
export function openAIEnvelope(message: string, type: string, param: string | null, code: string | null) {
  return { error: { message, type, param, code } };
}

/**
 * Vendors that quote a key show only its ends (`sk-fa***key`); a short key shows nothing,
 * so a test key can never leak into a log through the fake.
 */
export function maskKey(presented: string, head: number, tail: number): string {
  if (presented.length < head + tail + 6) return '***';
  return `${presented.slice(0, head)}***${tail > 0 ? presented.slice(-tail) : ''}`;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
