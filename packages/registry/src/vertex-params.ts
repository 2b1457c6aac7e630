import { formatPath, type ConfigPath } from './config-path';
import type { LiteLLMParams } from './config-schema';
import type { Deployment } from './types';

export interface VertexParamsContext {
  fromEnv: ReadonlyMap<string, string>;
}

/** `vertex_project`, `vertex_location` and `vertex_credentials` onto the deployment, as its adapter takes them. */
export function readVertexParams(deployment: Deployment, params: LiteLLMParams, paramsPath: ConfigPath, context: VertexParamsContext): void {
  if (params.vertex_project != null) deployment.vertexProject = params.vertex_project;
  if (params.vertex_location != null) deployment.vertexLocation = params.vertex_location;
  const credentials = params.vertex_credentials;
  if (credentials != null) {
    // LiteLLM also takes the key file's fields as a YAML mapping; the adapter reads JSON text.
    deployment.vertexCredentials = typeof credentials === 'string' ? credentials : JSON.stringify(credentials);
    const env = context.fromEnv.get(formatPath([...paramsPath, 'vertex_credentials']));
    if (env !== undefined) deployment.vertexCredentialsEnv = env;
  }
}
