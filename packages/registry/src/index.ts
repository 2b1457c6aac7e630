/**
 * @reelay/registry: reads a LiteLLM config into model groups and their deployments, and picks
 * one deployment per call. Pure: no Redis, no HTTP; limits and cooldowns live elsewhere and
 * reach `pickDeployment` as its `exclude` map.
 */

/** A deployment, the warnings of a load, the router settings and the loaded registry. */
export type { ConfigWarning, Deployment, Registry, RouterSettings } from './types';

/** The one error a config load throws: a single line that says where and how to fix it. */
export { ConfigError } from './config-error';

/**
 * Parses LiteLLM config YAML, with anchors, `<<` merge keys and the files `include:` names
 * (relative to the folder of `options.source`, read by `options.readFile`). `os.environ/NAME`
 * values resolve from `options.env`; `options.source` (default `config`) names the file in
 * messages, and errors and warnings in an included file name that file and its line.
 */
export { parseRegistry, type ParseRegistryOptions } from './parse-registry';

/** Reads the config file at a path (default env: `process.env`); a missing file names REELAY_CONFIG. */
export { loadRegistryFromFile } from './load-registry-file';

/** Tier order, the failover codes and cooldown defaults: the routing rules video and text share. */
export { DEFAULT_ALLOWED_FAILS, DEFAULT_COOLDOWN_SECONDS, FAILOVER_CODES, byTier, cooldownSettingsOf, tierOf, type CooldownSettings } from './router-policy';

/** Order tier first, then weighted random; excluded deployments are reported with their reasons. */
export { pickChances, pickDeployment, tierShares, type PickOptions, type PickResult, type ShareBasis } from './pick-deployment';

/** Environment validation shared by the api and the worker: one zod shape, one error line. */
export { envBoolean, formatEnvError, parseProcessEnv, sharedEnvShape } from './process-env';

/** Config warnings plus provider notices about deployments (e.g. a retired API), for the start-up log. */
export { startupNotices, type StartupNotice } from './startup-notices';
export { chatModelSettingsOf } from './chat-model-settings';
