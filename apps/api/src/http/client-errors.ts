import { STATUS_CODES, maxHeaderSize, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from './api-error';

/**
 * Requests Node refuses before express sees them (headers too large, broken HTTP framing, a
 * request that never finishes arriving) get OpenAI's error shape too, instead of Node's bare
 * status line with no body.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const problem = describeClientError(error.code);
    const body = JSON.stringify(problem.toBody());
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

function describeClientError(code: string | undefined): ApiError {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new ApiError(431, `The request headers are larger than ${maxHeaderSize / 1024} KB, the most this server reads. Send less in headers (large values belong in the body).`, {
      code: 'headers_too_large',
    });
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ApiError(408, 'The request did not arrive in time; send it again.', { code: 'request_timeout' });
  }
  return new ApiError(400, `The request is not valid HTTP (${code ?? 'unknown parse error'}); check what sends it.`, { code: 'bad_http_request' });
}
