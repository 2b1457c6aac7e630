import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Registry } from '@reelay/registry';
import type { ChatService } from '../chat/chat-service';
import { ApiError } from '../http/api-error';
import { toApiError } from '../http/error-handler';
import { anthropicDialect } from './anthropic-dialect';
import { sendAnthropicError } from './anthropic-errors';
import { anthropicModel, anthropicModelList } from './anthropic-models';
import { countTokens, inputTokenEstimate } from './count-tokens';
import { messagesKeyChecker } from './messages-auth';
import { pathOf, readJsonBody } from '../http/json-body';
import { parseMessagesBody } from './messages-request';

export interface MessagesEndpointDeps {
  chat: ChatService;
  registry: Registry;
  masterKey: string;
  logger: Logger;
}

type Route = { kind: 'messages' } | { kind: 'count_tokens' } | { kind: 'models' } | { kind: 'model'; id: string };

/**
 * Anthropic's Messages API on Node's own request and response, ahead of express like the chat
 * endpoint: `POST /v1/messages` (any text group, any vendor, translated at this edge into the
 * neutral request), `POST /v1/messages/count_tokens`, and `GET /v1/models` in Anthropic's shape
 * for clients that send `anthropic-version`. Errors are Anthropic-shaped. Returns false for any
 * other request.
 */
export function messagesEndpoint(deps: MessagesEndpointDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const checkKey = messagesKeyChecker(deps.masterKey);
  return (req, res) => {
    const path = pathOf(req.url);
    const route = routeOf(req, path);
    if (!route) return false;
    const requestId = `req_${randomUUID().replace(/-/g, '')}`;
    res.setHeader('request-id', requestId);
    if (deps.logger.isLevelEnabled('info')) {
      const started = performance.now();
      res.once('finish', () => deps.logger.info({ method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'));
    }
    void serve(req, res, route, deps, checkKey).catch((error: unknown) => {
      const apiError = toApiError(error);
      if (apiError.status >= 500 && apiError.status !== 503) deps.logger.error({ err: error, path }, 'unhandled error');
      if (res.headersSent) res.destroy();
      else sendAnthropicError(res, apiError, requestId);
    });
    return true;
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, route: Route, deps: MessagesEndpointDeps, checkKey: ReturnType<typeof messagesKeyChecker>): Promise<void> {
  const owner = checkKey(req.headers);
  if (owner instanceof ApiError) {
    req.resume();
    throw owner;
  }
  switch (route.kind) {
    case 'models':
      return sendJson(res, anthropicModelList(deps.registry));
    case 'model':
      return sendJson(res, anthropicModel(deps.registry, route.id));
    case 'count_tokens':
      return sendJson(res, countTokens(deps.registry, await readJsonBody(req)));
    case 'messages': {
      const request = parseMessagesBody(await readJsonBody(req));
      if (request.dropped.length > 0) res.setHeader('x-reelay-dropped-params', request.dropped.join(', '));
      const dialect = anthropicDialect({ model: request.model, inputTokens: inputTokenEstimate(request.body) });
      return deps.chat.serve(request.body, res, { owner, dialect });
    }
  }
}

function routeOf(req: IncomingMessage, path: string): Route | undefined {
  if (req.method === 'POST') {
    if (path === '/v1/messages') return { kind: 'messages' };
    if (path === '/v1/messages/count_tokens') return { kind: 'count_tokens' };
    return undefined;
  }
  // Anthropic's clients always send anthropic-version; OpenAI's list stays at the same path for everyone else.
  if (req.method !== 'GET' || req.headers['anthropic-version'] === undefined) return undefined;
  if (path === '/v1/models') return { kind: 'models' };
  const id = /^\/v1\/models\/([^/]+)$/.exec(path)?.[1];
  return id === undefined ? undefined : { kind: 'model', id: decoded(id) };
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}


function sendJson(res: ServerResponse, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
