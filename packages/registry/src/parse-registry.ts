import { readFileSync } from 'node:fs';
import { buildDeployments } from './build-deployments';
import { ConfigError } from './config-error';
import { resolveIncludes, type ReadConfigFile } from './config-includes';
import { errorWhere, pathIn, type ConfigLocator } from './config-location';
import { isRecord } from './config-path';
import { configSchema } from './config-schema';
import { effectiveEnv, resolveEnvReferences } from './env-references';
import { buildRouterSettings } from './router-settings';
import { schemaError } from './schema-error';
import type { Deployment, Registry } from './types';
import { warnUnknownKeys } from './unknown-keys';
import { createWarningSink } from './warning-sink';
import { parseYamlSource } from './yaml-source';

export interface ParseRegistryOptions {
  /** Where `os.environ/NAME` values come from; usually `process.env`. */
  env: Record<string, string | undefined>;
  /**
   * Name used in messages, usually the file path; `include:` paths are relative to its folder
   * (the working directory when it has none). Default `config`.
   */
  source?: string;
  /** Reads a file named in `include:`. Default: `readFileSync(path, 'utf8')`. */
  readFile?: ReadConfigFile;
}

/**
 * Reads a LiteLLM config (YAML text, with the files its `include:` names) into a registry.
 * Fails fast with a one-line ConfigError on a syntax error, a wrong type or a missing
 * environment variable, naming the file and line; everything else odd (unknown keys, wrong
 * provider prefixes) becomes a warning with a fix.
 */
export function parseRegistry(yamlText: string, options: ParseRegistryOptions): Registry {
  const source = options.source ?? 'config';
  const yaml = parseYamlSource(yamlText, source);
  if (!isRecord(yaml.data)) {
    const found = yaml.data == null ? 'the file is empty' : `found ${Array.isArray(yaml.data) ? 'a list' : 'a single value'}`;
    throw new ConfigError(`${source}: expected a mapping with model_list: at the top level, but ${found}.`, { file: source });
  }
  const merged = resolveIncludes(yaml, options.readFile ?? ((path) => readFileSync(path, 'utf8')));
  const { locator } = merged;
  const { data, fromEnv } = resolveEnvReferences(merged.data, effectiveEnv(merged.data, options.env), locator);

  const parsed = configSchema.safeParse(data);
  if (!parsed.success) throw schemaError(parsed.error.issues, { data, fromEnv, locator });
  const config = parsed.data;

  const sink = createWarningSink(locator);
  for (const { key, previous } of merged.replaced) {
    sink.warn([key], `replaces ${key} of ${previous} as a whole: LiteLLM merges only lists from include: files, every other key is replaced. Keep ${key} in one file.`);
  }
  if (isRecord(data)) warnUnknownKeys(data, sink, merged.anchorKeys);
  if (config.model_list.length === 0) sink.warn(['model_list'], 'is empty, so no model can be served; add at least one entry.');

  const deployments = Object.freeze(buildDeployments(config.model_list, { rawData: data, fromEnv, sink, locator }));
  const groups = new Map<string, Deployment[]>();
  for (const deployment of deployments) {
    const group = groups.get(deployment.modelName);
    if (group === undefined) groups.set(deployment.modelName, [deployment]);
    else group.push(deployment);
  }
  for (const [name, group] of groups) {
    checkOneMode(name, group, deployments, locator);
    Object.freeze(group);
  }
  const routerSettings = buildRouterSettings(config, new Set(groups.keys()), sink);
  const masterKey = config.general_settings?.master_key ?? config.litellm_settings?.master_key ?? undefined;
  const names = [...groups.keys()].sort();

  const registry: Registry = {
    deployments,
    modelNames: () => [...names],
    deploymentsFor: (modelName) => groups.get(modelName),
    routerSettings,
    warnings: Object.freeze([...sink.warnings]),
  };
  if (masterKey !== undefined) registry.masterKey = masterKey;
  return registry;
}

/**
 * A group answers one kind of request: a video job cannot fail over to a chat model, and a
 * chat request routed to a Sora deployment would only fail later. Mixed modes stop the start.
 */
function checkOneMode(name: string, group: readonly Deployment[], all: readonly Deployment[], locator: ConfigLocator): void {
  const modes = new Set(group.map((deployment) => deployment.mode));
  if (modes.size < 2) return;
  const first = locator.locate(['model_list', all.indexOf(group[0]!), 'model_name']);
  const entries = group.map((deployment) => {
    const how = deployment.modeFromConfig ? 'model_info.mode' : 'inferred from the model id';
    const entry = pathIn(locator.locate(['model_list', all.indexOf(deployment)]), first.file);
    return `${entry} ${deployment.provider}/${deployment.upstreamModel} is ${deployment.mode} (${how})`;
  });
  throw new ConfigError(
    `${first.file}: model "${name}" mixes modes: ${entries.join('; ')}. Every deployment of a model_name must serve the same kind of request: give the others their own model_name, or set model_info.mode where the inference is wrong.`,
    errorWhere(first),
  );
}
