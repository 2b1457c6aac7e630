import type { ChatModelSettings } from '@reelay/providers';
import type { Deployment } from './types';

/** What a chat adapter is built from, for a deployment: the api and `reelay doctor` build it the same way. */
export function chatModelSettingsOf(deployment: Deployment): ChatModelSettings {
  return {
    model: deployment.upstreamModel,
    apiBase: deployment.apiBase,
    apiKey: deployment.apiKey,
    apiKeyEnv: deployment.apiKeyEnv,
    deploymentId: deployment.id,
    extraHeaders: deployment.extraHeaders,
    vertexProject: deployment.vertexProject,
    vertexLocation: deployment.vertexLocation,
    vertexCredentials: deployment.vertexCredentials,
    vertexCredentialsEnv: deployment.vertexCredentialsEnv,
  };
}
