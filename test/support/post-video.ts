import { request, type Agent } from 'node:http';

/**
 * One `POST /v1/video/generations` over a keep-alive node:http agent, for the benchmarks
 * (plain node:http keeps the client's own cost small next to the api's).
 * `readBody: false` discards the answer unread, as a load generator does.
 */
export function postVideoGeneration(
  agent: Agent,
  port: number,
  masterKey: string,
  body: string,
  options: { readBody: boolean },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/video/generations',
        headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        if (options.readBody) {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
        } else {
          res.resume();
        }
        res.once('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}
