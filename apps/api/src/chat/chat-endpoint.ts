import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ApiError } from '../http/api-error';
import { keyChecker } from '../http/auth';
import { sendApiError, toApiError } from '../http/error-handler';
import { pathOf, readJsonBody } from '../http/json-body';
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
  await chat.serve(await readJsonBody(req), res, { owner });
}
