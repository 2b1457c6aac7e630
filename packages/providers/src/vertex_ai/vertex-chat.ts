import { createAnthropicStyleChatModel } from '../anthropic/anthropic-style-chat';
import type { ChatAdapter, ChatModel, ChatModelSettings } from '../contract/chat-model';
import { UpstreamError } from '../http/upstream-error';
import { createUpstreamFetch, defaultUpstreamFetch } from '../http/upstream-fetch';
import type { AccessTokenSource } from './access-token-source';
import { sharedTokenSource } from './shared-token-sources';
import { readServiceAccount, VertexCredentialsError, type ServiceAccount } from './vertex-credentials';
import { explainVertexFailure, type VertexDeploymentFacts } from './vertex-errors';
import { VERTEX_DEFAULT_LOCATION, vertexClaudeUrl, type VertexClaudeTarget } from './vertex-url';

/** Claude on Vertex takes the Messages version in the body, not as a header (Anthropic's Vertex docs). */
export const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';

/**
 * Claude through Vertex AI's rawPredict / streamRawPredict: Anthropic's Messages body without
 * `model` (the URL names it), an OAuth bearer token from the deployment's service account, and
 * Anthropic's answers and SSE back, so the Anthropic translation serves both ways.
 * The key is read on the first call, not here: a bad key must fail that deployment's calls
 * with a message, not the routing of every other one.
 */
export function createVertexClaudeChatModel(settings: ChatModelSettings): ChatModel {
  const target: VertexClaudeTarget = {
    project: settings.vertexProject?.trim() ?? '',
    location: settings.vertexLocation?.trim() || VERTEX_DEFAULT_LOCATION,
    model: settings.model,
    apiBase: settings.apiBase,
  };
  const credentialsLabel = settings.vertexCredentialsEnv ? `vertex_credentials (os.environ/${settings.vertexCredentialsEnv})` : 'vertex_credentials';
  const facts: VertexDeploymentFacts = { project: target.project, location: target.location, model: target.model, credentialsLabel };
  const urls = { answer: vertexClaudeUrl(target, false), stream: vertexClaudeUrl(target, true) };
  let tokens: AccessTokenSource | undefined;

  function tokenSource(): AccessTokenSource {
    if (tokens) return tokens;
    if (!target.project) throw refusedSetting('vertex_project is not set: add vertex_project: <the Google Cloud project id> to this deployment.');
    let account: ServiceAccount;
    try {
      account = readServiceAccount(settings.vertexCredentials ?? '', credentialsLabel);
    } catch (error) {
      if (error instanceof VertexCredentialsError) throw refusedSetting(error.message);
      throw error;
    }
    facts.clientEmail = account.clientEmail;
    if (account.projectId) facts.keyProjectId = account.projectId;
    const fetch = settings.dispatcher ? createUpstreamFetch({ dispatcher: settings.dispatcher }) : defaultUpstreamFetch();
    tokens = sharedTokenSource(account, { fetch, credentialsLabel });
    return tokens;
  }

  function refusedSetting(problem: string): UpstreamError {
    return new UpstreamError({ code: 'upstream_auth', message: `Vertex AI: ${problem}`, url: urls.answer, isRetryable: false });
  }

  return createAnthropicStyleChatModel(
    {
      provider: 'vertex_ai',
      label: 'Vertex AI',
      url: (stream) => (stream ? urls.stream : urls.answer),
      headers: async (signal) => ({
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenSource().token(signal)}`,
        ...settings.extraHeaders,
      }),
      body: ({ model: _urlNamesIt, ...body }) => ({ anthropic_version: VERTEX_ANTHROPIC_VERSION, ...body }),
      renewAuth: () => tokens?.invalidate(),
      explainFailure: (error) => explainVertexFailure(error, facts),
    },
    settings,
  );
}

export const vertexClaudeChatAdapter: ChatAdapter = { create: createVertexClaudeChatModel };
