/**
 * The fields of the api's job object (README "API", `PublicVideo` of @reelay/jobs) that the
 * command line reads. The cli is a client of the public API only, so it checks what it got
 * leniently: an unknown field is ignored, a missing optional one is null, and only a body
 * that is not a job at all is an error.
 */
export interface JobView {
  id: string;
  status: string;
  progress: number;
  model: string;
  prompt: string;
  /** Unix seconds. */
  createdAt: number | null;
  completedAt: number | null;
  error: { code: string; message: string } | null;
  output: { url: string | null; bytes: number; sha256: string } | null;
  routing: { provider: string | null; deploymentId: string | null; upstreamId: string | null } | null;
  warnings: string[];
}

/** Statuses after which nothing changes; `expired` is not one the api reports today, but it means the same. */
const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'expired']);

export function isTerminalStatus(status: string): boolean {
  return TERMINAL.has(status);
}

/** The job in `body`, or a sentence saying what is wrong with it. */
export function readJob(body: unknown): JobView | string {
  if (!isObject(body)) return `expected a job object, got ${describe(body)}`;
  if (typeof body.id !== 'string' || typeof body.status !== 'string') return `expected a job object with "id" and "status", got keys ${Object.keys(body).slice(0, 8).join(', ') || '(none)'}`;
  return {
    id: body.id,
    status: body.status,
    progress: finite(body.progress) ?? 0,
    model: text(body.model) ?? '',
    prompt: text(body.prompt) ?? '',
    createdAt: finite(body.created_at),
    completedAt: finite(body.completed_at),
    error: isObject(body.error) ? { code: text(body.error.code) ?? 'unknown_error', message: text(body.error.message) ?? '' } : null,
    output: readOutput(body.output),
    routing: isObject(body.routing)
      ? { provider: text(body.routing.provider), deploymentId: text(body.routing.deployment_id), upstreamId: text(body.routing.upstream_id) }
      : null,
    warnings: Array.isArray(body.warnings) ? body.warnings.filter((warning): warning is string => typeof warning === 'string') : [],
  };
}

/** The jobs of a `GET /v1/videos` page, or what is wrong with it. */
export function readJobList(body: unknown): { jobs: JobView[]; hasMore: boolean } | string {
  if (!isObject(body) || !Array.isArray(body.data)) return `expected a list object with "data", got ${describe(body)}`;
  const jobs: JobView[] = [];
  for (const item of body.data) {
    const job = readJob(item);
    if (typeof job === 'string') return `list item ${jobs.length}: ${job}`;
    jobs.push(job);
  }
  return { jobs, hasMore: body.has_more === true };
}

function readOutput(value: unknown): JobView['output'] {
  if (!isObject(value)) return null;
  const bytes = finite(value.bytes);
  const sha256 = text(value.sha256);
  // Without both the download cannot be checked; the caller says so.
  if (bytes === null || sha256 === null) return null;
  return { url: text(value.url), bytes, sha256: sha256.toLowerCase() };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
