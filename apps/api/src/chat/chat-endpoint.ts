import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ApiError } from '../http/api-error';
import { keyChecker } from '../http/auth';
import { REQUEST_LIMITS, assertBodyDepth } from '../http/body-limits';
import { sendApiError, toApiError } from '../http/error-handler';
import type { ChatService } from './chat-service';

/** The paths LiteLLM serves chat completions at (`/chat/completions` is what some apps call). */
const CHAT_PATHS = new Set(['/v1/chat/completions', '/chat/completions']);

/**
 * The text path on Node's own request and response, ahead of express: a chat completion is the
 * hottest route a gateway has, and express's router and body parser cost more per request than
 * everything reelay does with it (P1). It keeps the express routes' contract: the same key
 * check, body limits, depth check and OpenAI-shaped errors. Returns false for any other request.
 */
export function chatEndpoint(chat: ChatService, masterKey: string, logger: Logger): (req: IncomingMessage, res: ServerResponse) => boolean {
  const checkKey = keyChecker(masterKey);
  return (req, res) => {
    if (req.method !== 'POST' || !CHAT_PATHS.has(pathOf(req.url))) return false;
    // The per-request log line (LOG_LEVEL=info) costs a listener per request; skipped when it would print nothing.
    if (logger.isLevelEnabled('info')) {
      const started = performance.now();
      res.once('finish', () => logger.info({ method: 'POST', path: pathOf(req.url), status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'));
    }
    void serveChat(req, res, chat, checkKey).catch((error: unknown) => {
      const apiError = toApiError(error);
      if (apiError.status >= 500 && apiError.status !== 503) logger.error({ err: error, path: pathOf(req.url) }, 'unhandled error');
      if (res.headersSent) res.destroy();
      else sendApiError(res, apiError);
    });
    return true;
  };
}

async function serveChat(req: IncomingMessage, res: ServerResponse, chat: ChatService, checkKey: ReturnType<typeof keyChecker>): Promise<void> {
  const owner = checkKey(req.headers.authorization);
  if (owner instanceof ApiError) {
    req.resume();
    throw owner;
  }
  const body = parseJson(await readBody(req));
  assertBodyDepth(body);
  await chat.serve(body, res, { owner });
}

function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
}

/** The body, up to the documented JSON limit; past it a 413 before more is read. Events, not an async iterator: one promise per body instead of one per chunk. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  const tooLarge = () =>
    new ApiError(413, `The request body is larger than the ${(REQUEST_LIMITS.jsonBodyBytes / 1024 / 1024).toFixed(0)} MB limit for JSON bodies. Send images as https URLs.`, { code: 'body_too_large' });
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > REQUEST_LIMITS.jsonBodyBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > REQUEST_LIMITS.jsonBodyBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ApiError(400, `The request body is not valid JSON (${(error as Error).message}). Send a JSON object with Content-Type: application/json.`, { code: 'invalid_json' });
  }
}
