import type { DeploymentMode } from '@reelay/providers/catalog';

/** One entry of `model_list`: a place a model group can be served from. */
export interface Deployment {
  /** `model_info.id`, else a stable short hash of (model_name, litellm_params.model, api_base). */
  id: string;
  /** The group clients ask for (`model_name`); several deployments may share it. */
  modelName: string;
  /** Prefix of `litellm_params.model` (or `custom_llm_provider`), e.g. `openai`. No prefix → `openai`. */
  provider: string;
  /** True when `provider` is in `knownProviderPrefixes()` from `@reelay/providers`. */
  providerKnown: boolean;
  /** `litellm_params.model` after the first `/`; further slashes are kept (`deepseek/deepseek-v3`). */
  upstreamModel: string;
  apiBase?: string;
  /** The resolved key. Never put it in a warning, an error or a log line. */
  apiKey?: string;
  /** `OPENAI_API_KEY` when `api_key` was `os.environ/OPENAI_API_KEY`; lets auth errors name the variable. */
  apiKeyEnv?: string;
  /** Share inside its order tier; default 1 when some sibling has a weight. */
  weight?: number;
  /** Strict priority tier; lower is tried first; no order = tier 0. */
  order?: number;
  rpm?: number;
  tpm?: number;
  maxParallelRequests?: number;
  /** `litellm_params.timeout` / `stream_timeout` in seconds, over the router's. */
  timeoutSeconds?: number;
  streamTimeoutSeconds?: number;
  /** `litellm_params.drop_params`, over `litellm_settings.drop_params`. */
  dropParams?: boolean;
  /** `litellm_params.extra_headers`, sent on every call. */
  extraHeaders?: Record<string, string>;
  /**
   * Vertex AI: `litellm_params.vertex_project`, the Google Cloud project of the calls. Required
   * for a served chat deployment (LiteLLM would fall back on VERTEXAI_PROJECT; reelay asks for
   * it in the entry, e.g. `os.environ/VERTEXAI_PROJECT`, so a gap stops the start).
   */
  vertexProject?: string;
  /** Vertex AI: `litellm_params.vertex_location` (`us-east5`, `global`); the adapter defaults to `us-central1`, LiteLLM's default. */
  vertexLocation?: string;
  /**
   * Vertex AI: `litellm_params.vertex_credentials`, a service-account key as JSON text (a
   * mapping in the YAML is written out as JSON) or the path of its file. Required for a served
   * chat deployment. Never put it in a warning, an error or a log line.
   */
  vertexCredentials?: string;
  /** The env var vertex_credentials came from, for auth errors. */
  vertexCredentialsEnv?: string;
  /**
   * What it serves: `model_info.mode` where the config sets it (LiteLLM's values), else what the
   * vendor catalog infers from the model id (`sora-*`, `veo-*`, `wan*`, `*seedance*` make video;
   * everything else is chat). Every deployment of a group has the same mode.
   */
  mode: DeploymentMode;
  /** True when `mode` was written in `model_info.mode`, false when it was inferred. */
  modeFromConfig: boolean;
  /** Every `litellm_params` key (env references resolved), for adapters' pass-through. */
  params: Record<string, unknown>;
  modelInfo: Record<string, unknown>;
}

export interface ConfigWarning {
  /** Where, e.g. `model_list[2].litellm_params.model`: the path inside `file`. */
  path: string;
  /** What is wrong and how to fix it; never contains a secret. */
  message: string;
  /** The file `path` and `line` are in: the config itself or a file it names in `include:`. */
  file: string;
  /** 1-based line in `file`, when known. */
  line?: number;
}

export interface RouterSettings {
  /** `router_settings.allowed_fails` (or `litellm_settings.allowed_fails`): failures per minute before a cooldown. */
  allowedFails?: number;
  /** `router_settings.cooldown_time`: seconds a failing deployment sits out. */
  cooldownTimeSeconds?: number;
  /** `router_settings.num_retries`, else `litellm_settings.num_retries`. */
  numRetries?: number;
  /** `router_settings.default_max_parallel_requests`, else `general_settings.max_parallel_requests`. */
  defaultMaxParallelRequests?: number;
  /** `router_settings.timeout`, else `litellm_settings.request_timeout`. */
  timeoutSeconds?: number;
  /** `router_settings.stream_timeout`: seconds a streamed text answer may take to its first content. */
  streamTimeoutSeconds?: number;
  /** `litellm_settings.drop_params`: options a text target refuses are dropped (and reported) instead of a 400. */
  dropParams?: boolean;
  /** Group → groups to try next; `litellm_settings.fallbacks` overridden per group by `router_settings.fallbacks`. */
  fallbacks: Record<string, string[]>;
  /** As written; reelay always routes by order tier, then weight (LiteLLM's `simple-shuffle`). */
  routingStrategy?: string;
  /** `router_settings.status_calls_per_second` (reelay's own): provider → status calls per second, across all workers. */
  statusCallsPerSecond: Record<string, number>;
}

export interface Registry {
  /** Every deployment, in file order. */
  deployments: readonly Deployment[];
  /** Sorted group names. */
  modelNames(): string[];
  /** The deployments of one group, in file order; undefined for an unknown group. */
  deploymentsFor(modelName: string): readonly Deployment[] | undefined;
  /** `general_settings.master_key` (or, with a warning, `litellm_settings.master_key`). */
  masterKey?: string;
  routerSettings: RouterSettings;
  /** Everything odd about the file that did not stop it loading, each with a fix. */
  warnings: readonly ConfigWarning[];
}
