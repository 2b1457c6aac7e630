import type { ServerResponse } from 'node:http';
import type { FlavorConfig } from './flavor-config';
import type { VendorHttpError } from './vendor-error';

export function sendJson(config: FlavorConfig, response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(response, status, JSON.stringify(body), config.jsonContentType ?? 'application/json', headers);
}

/** A string body goes out verbatim (an HTML proxy page); anything else as the flavor's JSON. */
export function sendVendorError(config: FlavorConfig, response: ServerResponse, error: VendorHttpError): void {
  const contentType = error.contentType ?? config.jsonContentType ?? 'application/json';
  const text = typeof error.body === 'string' ? error.body : JSON.stringify(error.body);
  sendText(response, error.status, text, contentType, error.headers);
}

function sendText(response: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}
