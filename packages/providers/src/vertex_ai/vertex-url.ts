/** LiteLLM's default when a deployment names no vertex_location. */
export const VERTEX_DEFAULT_LOCATION = 'us-central1';

export interface VertexClaudeTarget {
  project: string;
  /** A region (`us-east5`) or `global`. */
  location: string;
  /** Vertex's model id, versioned with `@` (`claude-sonnet-4-5@20250929`). */
  model: string;
  /** `api_base`: an origin (or proxy prefix) in place of Google's host, or a whole model URL as LiteLLM takes it. */
  apiBase?: string;
}

/** A model URL already written out, up to the model id (LiteLLM appends `:rawPredict` to such an api_base). */
const MODEL_URL = /\/projects\/[^/]+\/locations\/[^/]+\/publishers\/[^/]+\/models\/[^/:]+$/;

/**
 * Claude's prediction URL on Vertex AI: `{host}/v1/projects/{p}/locations/{l}/publishers/
 * anthropic/models/{m}:rawPredict`, or `:streamRawPredict` for SSE. The host is regional
 * (`us-east5-aiplatform.googleapis.com`) except for `global`, which has none.
 */
export function vertexClaudeUrl(target: VertexClaudeTarget, stream: boolean): string {
  const method = stream ? 'streamRawPredict' : 'rawPredict';
  const path = `/v1/projects/${target.project}/locations/${target.location}/publishers/anthropic/models/${target.model}`;
  const base = target.apiBase?.trim().replace(/\/+$/, '').replace(/:(?:stream)?rawPredict$/i, '');
  if (!base) return `https://${vertexHost(target.location)}${path}:${method}`;
  if (MODEL_URL.test(base)) return `${base}:${method}`;
  return `${base.replace(/\/v1$/, '')}${path}:${method}`;
}

export function vertexHost(location: string): string {
  return location === 'global' ? 'aiplatform.googleapis.com' : `${location}-aiplatform.googleapis.com`;
}
