import { readFileSync } from 'node:fs';
import { CONFIG_GROUP, probeAll, type Finding } from '@reelay/probes';
import { ConfigError, loadRegistryFromFile, type Deployment, type Registry } from '@reelay/registry';
import { configFindings } from './config-findings';
import { renderJson, renderTable } from './doctor-report';
import { missingEnvReferences, UNSET_PLACEHOLDER } from './missing-env';

export interface DoctorOptions {
  configPath: string;
  live: boolean;
  json: boolean;
  /** Probes at once (vendors see at most this many calls from the doctor at a time). */
  concurrency: number;
  timeoutMs: number;
  /** Model groups the apps ask for (`--expect a,b`): each one missing from model_list is a row. */
  expect: string[];
  env: Record<string, string | undefined>;
  write(text: string): void;
}

export const DOCTOR_USAGE = `usage: reelay doctor [--live] [--json] [--config <path>] [--expect <group,group…>] [--concurrency <n>] [--timeout <seconds>]

Checks the config (REELAY_CONFIG, default config.yaml) with the api's own loader: every mistake
with its fix. --live also probes every deployment once, cheaply, and prints one row each with the
cause and the fix. --expect lists the model groups your apps ask for; each one the config lacks
is a row. Exit status 1 when a row is not ok, 2 for a usage error.
`;

/** `reelay doctor`: the exit status (0 all ok, 1 something to fix). */
export async function runDoctor(options: DoctorOptions): Promise<number> {
  const findings: Finding[] = [];
  let text: string;
  try {
    text = readFileSync(options.configPath, 'utf8');
  } catch (error) {
    findings.push({ group: CONFIG_GROUP, deployment: options.configPath, result: 'config', cause: `the config cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, fix: 'set REELAY_CONFIG or --config to the path of your config.yaml' });
    return report(findings, options);
  }
  // Every unset variable is a row; a stand-in lets the rest of the config be checked too.
  const missing = missingEnvReferences(text, options.env);
  const env = { ...options.env };
  for (const [name, lines] of missing) {
    env[name] = UNSET_PLACEHOLDER;
    findings.push({ group: CONFIG_GROUP, deployment: `line ${lines.join(', ')}`, result: 'missing_env', cause: `${name} is not set (or empty), and the config reads it through os.environ/${name}`, fix: `export ${name}=… before starting (compose: put it in .env)`, line: lines[0] });
  }
  let registry: Registry;
  try {
    registry = loadRegistryFromFile(options.configPath, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    findings.push({ group: CONFIG_GROUP, deployment: options.configPath, result: 'config', cause: error.message, fix: 'the api refuses to start with this config; fix it first' });
    return report(findings, options);
  }
  findings.push(...configFindings(registry), ...missingGroups(registry, options.expect));
  if (options.live) findings.push(...(await probeDeployments(registry, missing, options)));
  return report(findings, options);
}

function missingGroups(registry: Registry, expected: readonly string[]): Finding[] {
  const known = new Set(registry.modelNames());
  return expected
    .filter((name) => !known.has(name))
    .map((name) => ({
      group: name,
      deployment: '-',
      result: 'model_not_found' as const,
      cause: `no model_name "${name}" in model_list: an app asking for it gets a 404 model_not_found`,
      fix: `add an entry with model_name: ${name} (it may point at another vendor model id), or change the app to one of: ${[...known].join(', ')}`,
    }));
}

function probeDeployments(registry: Registry, missing: ReadonlyMap<string, number[]>, options: DoctorOptions): Promise<Finding[]> {
  return probeAll(registry.deployments, {
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    skip(deployment) {
      const unset = unsetKeyOf(deployment, missing);
      return unset === undefined ? undefined : { group: deployment.modelName, deployment: deployment.id, provider: deployment.provider, result: 'missing_env', cause: `not probed: its key variable ${unset} is not set`, fix: `export ${unset}=…` };
    },
  });
}

function unsetKeyOf(deployment: Deployment, missing: ReadonlyMap<string, number[]>): string | undefined {
  for (const name of [deployment.apiKeyEnv, deployment.vertexCredentialsEnv]) if (name !== undefined && missing.has(name)) return name;
  return deployment.apiKey === UNSET_PLACEHOLDER ? 'its api_key variable' : undefined;
}

function report(findings: Finding[], options: DoctorOptions): number {
  options.write(options.json ? renderJson(findings, { config: options.configPath, live: options.live }) : renderTable(findings));
  return findings.every((finding) => finding.result === 'ok') ? 0 : 1;
}
