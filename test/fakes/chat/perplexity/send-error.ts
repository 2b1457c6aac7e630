import type { ServerResponse } from 'node:http';
import type { VendorHttpError } from '../openai-compatible/vendor-error';

/** A string body goes out verbatim (the proxy's HTML 401), anything else as JSON. */
export function sendVendorErrorAs(response: ServerResponse, error: VendorHttpError): void {
  const text = typeof error.body === 'string' ? error.body : JSON.stringify(error.body);
  response.writeHead(error.status, { ...error.headers, 'content-type': error.contentType ?? 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}
