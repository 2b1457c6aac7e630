/**
 * POST /v1/projects/{p}/locations/{l}/publishers/anthropic/models/{m}:rawPredict (and
 * :streamRawPredict): Vertex AI's checks of the platform (token, project, region, model, body
 * shape) in Google's error shape, then the Anthropic fake's own Messages handling for the model,
 * whose answers, SSE and model errors Vertex passes through unchanged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { copyHeaders } from '../anthropic/request-headers';
import type { ClientWatch } from '../anthropic/client-watch';
import { handleMessages } from '../anthropic/messages-route';
import { readJsonObject } from '../anthropic/request-body';
import type { VertexFakeState } from './fake-state';
import { GoogleApiError, unauthenticated } from './google-error';

export const PREDICT_PATH = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/;
export const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';
/** A region (`us-east5`, `europe-west1`) or `global`. */
const LOCATION = /^(?:global|[a-z]+-[a-z]+\d+)$/;

export async function handlePredict(state: VertexFakeState, request: IncomingMessage, response: ServerResponse, match: RegExpExecArray, watch: ClientWatch): Promise<void> {
  const [, project, location, rawModel, method] = match as unknown as [string, string, string, string, string];
  const model = decodeURIComponent(rawModel);
  checkToken(state, request);
  const resource = `projects/${project}/locations/${location}/publishers/anthropic/models/${model}`;
  // Google answers some refusals with the bare object instead of the array; readers must take both.
  if (project !== state.project) throw new GoogleApiError(403, 'PERMISSION_DENIED', `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/${resource}' (or it may not exist).`, 'object');
  if (!LOCATION.test(location)) throw new GoogleApiError(400, 'INVALID_ARGUMENT', `Location ${location} is not a valid Google Cloud region.`);
  if (model.startsWith('missing-')) throw new GoogleApiError(404, 'NOT_FOUND', `Publisher Model \`${resource}\` not found.`);
  // What a project gets before someone enables the model in Model Garden.
  if (model.startsWith('not-enabled-')) throw new GoogleApiError(400, 'FAILED_PRECONDITION', `Project \`${project}\` is not allowed to use Publisher Model \`${resource}\``);

  const body = await readJsonObject(request);
  state.received.push({ path: request.url ?? '', headers: copyHeaders(request.headers), body: body ?? {} });
  if (!body) throw new GoogleApiError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
  if (body.model !== undefined) throw new GoogleApiError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "model": Claude on Vertex AI takes the model from the URL, not the body.');
  if (body.anthropic_version !== VERTEX_ANTHROPIC_VERSION) {
    throw new GoogleApiError(400, 'INVALID_ARGUMENT', `anthropic_version: "${VERTEX_ANTHROPIC_VERSION}" is required in the body (got ${JSON.stringify(body.anthropic_version ?? null)}).`);
  }
  if ((method === 'streamRawPredict') !== (body.stream === true)) {
    throw new GoogleApiError(400, 'INVALID_ARGUMENT', `${method} ${method === 'streamRawPredict' ? 'needs "stream": true' : 'takes no "stream": true; use :streamRawPredict'}.`);
  }
  const { anthropic_version: version, ...messages } = body;
  // The Anthropic fake reads the version from its header and the model from the body, where Anthropic's API has them.
  request.headers['anthropic-version'] = String(version);
  await handleMessages(state.messages, request, response, { ...messages, model }, watch);
}

function checkToken(state: VertexFakeState, request: IncomingMessage): void {
  const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  const expiresAt = token === undefined ? undefined : state.tokens.get(token);
  if (expiresAt !== undefined && Date.now() < expiresAt) return;
  state.messages.stats.rejectedAuth += 1;
  throw unauthenticated();
}
