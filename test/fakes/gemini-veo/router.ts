import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveAdmin, serveRequest } from '../shared/serve-request';
import type { FakeState } from './fake-state';
import { handleBlob, handleFileDownload } from './files-route';
import { apiKeyInvalid, GoogleHttpError, internalError, missingApiKey, notFound } from './google-error';
import { sendJson } from './http-io';
import { describeOperation } from './operations';
import { VEO_MODELS } from './predict-params';
import { handlePredict } from './predict-route';

/** Signed blobs and the test read-outs need no key; every /v1beta route does. */
export async function handleRequest(state: FakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  await serveRequest(request, response, {
    async route(url) {
      if (url.pathname.startsWith('/__fake/')) return serveAdmin(state, request, response, url.pathname, sendJson, () => notFoundUrl(url.pathname));
      const blob = /^\/_blob\/([a-z0-9]+)$/.exec(url.pathname);
      if (blob?.[1] && request.method === 'GET') return await handleBlob(state, response, blob[1], url.searchParams);
      checkAuth(state, request, url);
      await route(state, request, response, url);
    },
    answerError(error) {
      const failure = error instanceof GoogleHttpError ? error : internalError();
      if (!(error instanceof GoogleHttpError)) console.error('fake gemini-veo: unexpected error', error);
      sendJson(response, failure.httpStatus, failure.body(), failure.headers);
    },
  });
}

/** `x-goog-api-key` (docs) or `?key=` (cookbook); both work on the real API. */
function checkAuth(state: FakeState, request: IncomingMessage, url: URL): void {
  const header = request.headers['x-goog-api-key'];
  const presented = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('key') ?? undefined;
  if (presented === state.apiKey) return;
  state.stats.rejectedAuth += 1;
  throw presented ? apiKeyInvalid() : missingApiKey();
}

async function route(state: FakeState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const method = request.method ?? 'GET';
  const path = decodeURIComponent(url.pathname);
  const predict = /^\/v1beta\/models\/([^/:]+):predictLongRunning$/.exec(path);
  if (predict?.[1] && method === 'POST') {
    const model = predict[1];
    if (!VEO_MODELS[model]) {
      throw notFound(`models/${model} is not found for API version v1beta, or is not supported for predictLongRunning. Call ListModels to see the list of available models and their supported methods.`);
    }
    return handlePredict(state, request, response, model);
  }
  const operation = /^\/v1beta\/(models\/[^/]+\/operations\/[^/]+)$/.exec(path);
  if (operation?.[1] && method === 'GET') {
    state.stats.polls += 1;
    const found = state.operations.get(operation[1]);
    if (!found) throw notFound(`Operation ${operation[1]} not found.`);
    return sendJson(response, 200, describeOperation(found, state.now(), state.origin));
  }
  const file = /^\/v1beta\/files\/([a-z0-9]+):download$/.exec(path);
  if (file?.[1] && method === 'GET') return handleFileDownload(state, response, file[1], url.searchParams);
  throw notFoundUrl(url.pathname);
}

function notFoundUrl(pathname: string): GoogleHttpError {
  return notFound(`The requested URL ${pathname} was not found on this server.`);
}
