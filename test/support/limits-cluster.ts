import type { PublicVideo } from '@reelay/jobs';
import { freePort, startScript, waitFor, waitForHttp, type StartedProcess } from './processes';
import { reelayEnv } from './reelay-env';
import type { S3ServerInfo } from './s3-server';

/**
 * One api process and N worker processes sharing one Redis, as a user scales out (README:
 * "add more workers with the same env"). No vitest import: the P6 benchmark uses it too.
 */

export const CLUSTER_MASTER_KEY = 'sk-reelay-limits-master-key';
export const CLUSTER_FAKE_KEY = 'sk-fake-upstream-limits-5678';

export interface ClusterOptions {
  redisUrl: string;
  s3: S3ServerInfo;
  /** REELAY_CONFIG: a config written by limitsConfigYaml. */
  configPath: string;
  workers: number;
  /** Extra variables for every process (e.g. REELAY_LEASE_SECONDS, WORKER_CONCURRENCY). */
  extraEnv?: Record<string, string>;
}

/** One entry of GET /v1/model/info, the parts these tests read. */
export interface ModelInfoEntry {
  model_name: string;
  model_info: {
    id: string;
    usage: { requests_last_minute: number; in_flight: number };
    cooldown_until: string | null;
    cooldown_reason: string | null;
    last_error: { code: string; message: string } | null;
  };
}

export interface LimitsCluster {
  baseUrl: string;
  env: Record<string, string>;
  api: StartedProcess;
  /** Every worker started so far, including stopped ones (their output stays readable). */
  workers: StartedProcess[];
  startWorker(): StartedProcess;
  /** POST /v1/video/generations; the job id (throws unless 202). */
  submit(model: string, prompt?: string): Promise<string>;
  job(id: string): Promise<PublicVideo>;
  /** Polls until every job is terminal; fails with a status summary and the workers' output. */
  waitForTerminal(ids: string[], timeoutMs: number): Promise<PublicVideo[]>;
  modelInfo(model: string): Promise<ModelInfoEntry[]>;
  /** The last lines every process printed, for failure messages. */
  describeOutput(): string;
  stop(): Promise<void>;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export function clusterEnv(options: ClusterOptions, port: number): Record<string, string> {
  return {
    ...reelayEnv({ configPath: options.configPath, redisUrl: options.redisUrl, port, masterKey: CLUSTER_MASTER_KEY, s3: options.s3 }),
    ...options.extraEnv,
  };
}

export async function startLimitsCluster(options: ClusterOptions): Promise<LimitsCluster> {
  const port = await freePort();
  const env = clusterEnv(options, port);
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = startScript('start:api', env);
  const workers: StartedProcess[] = [];
  const startWorker = () => {
    const worker = startScript('start:worker', env);
    workers.push(worker);
    return worker;
  };
  for (let i = 0; i < options.workers; i++) startWorker();
  try {
    await waitForHttp(`${baseUrl}/health/readiness`, api);
  } catch (error) {
    await Promise.all([api.stop(), ...workers.map((worker) => worker.stop())]);
    throw error;
  }

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${CLUSTER_MASTER_KEY}`, 'content-type': 'application/json', ...init.headers } });

  const describeOutput = () =>
    [['api', api] as const, ...workers.map((worker, index) => [`worker ${index + 1}`, worker] as const)]
      .map(([name, proc]) => `--- ${name} ---\n${proc.output().slice(-2500)}`)
      .join('\n');

  const job = async (id: string) => {
    const response = await call(`/v1/jobs/${id}`);
    if (response.status !== 200) throw new Error(`GET /v1/jobs/${id} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as PublicVideo;
  };

  return {
    baseUrl,
    env,
    api,
    workers,
    startWorker,
    describeOutput,
    job,
    async submit(model, prompt = 'a short test video') {
      const response = await call('/v1/video/generations', { method: 'POST', body: JSON.stringify({ model, prompt, seconds: 4 }) });
      const body = (await response.json()) as { id?: string };
      if (response.status !== 202 || !body.id) throw new Error(`submit answered ${response.status}: ${JSON.stringify(body)}`);
      return body.id;
    },
    async waitForTerminal(ids, timeoutMs) {
      const latest = new Map<string, PublicVideo>();
      await waitFor(
        async () => {
          const open = ids.filter((id) => !TERMINAL.has(latest.get(id)?.status ?? ''));
          for (const current of await Promise.all(open.map(job))) latest.set(current.id, current);
          return ids.every((id) => TERMINAL.has(latest.get(id)?.status ?? '')) ? true : undefined;
        },
        { timeoutMs, intervalMs: 500, describe: () => `jobs not terminal: ${summarize([...latest.values()], ids.length)}\n${describeOutput()}` },
      );
      return ids.map((id) => latest.get(id)!);
    },
    async modelInfo(model) {
      const response = await call(`/v1/model/info?model=${encodeURIComponent(model)}`);
      if (response.status !== 200) throw new Error(`GET /v1/model/info answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { data: ModelInfoEntry[] }).data;
    },
    async stop() {
      await Promise.all([api.stop(), ...workers.map((worker) => worker.stop())]);
    },
  };
}

/** e.g. `completed 57, queued 3 (of 60)`. */
export function summarize(jobs: PublicVideo[], total: number): string {
  const counts = new Map<string, number>();
  for (const job of jobs) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
  const unseen = total - jobs.length;
  if (unseen > 0) counts.set('not read yet', unseen);
  return `${[...counts].map(([status, count]) => `${status} ${count}`).join(', ')} (of ${total})`;
}

/** How many jobs ran on each deployment, by `routing.deployment_id`. */
export function countByDeployment(jobs: PublicVideo[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const job of jobs) {
    const id = job.routing?.deployment_id ?? '(none)';
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

/** The most creates any 60 s window holds (what a provider's rpm counter would have seen). */
export function maxCreatesPerMinute(createTimes: readonly number[]): number {
  const sorted = [...createTimes].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 60_000) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
