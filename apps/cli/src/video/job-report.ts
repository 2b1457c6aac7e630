import type { JobView } from './job-view';

const COLUMNS = [
  ['ID', 30],
  ['MODEL', 18],
  ['STATUS', 11],
  ['PROGRESS', 8],
  ['CREATED', 20],
] as const;

/** `reelay video list`: one row per job, newest first, as the api ordered them. */
export function renderJobTable(jobs: readonly JobView[], hasMore: boolean): string {
  if (jobs.length === 0) return 'no video jobs yet for this key (reelay video create --model <group> --prompt "…")\n';
  const lines = [COLUMNS.map(([title, width]) => title.padEnd(width)).join(' ').trimEnd()];
  for (const job of jobs) {
    const cells = [job.id, job.model, job.status, `${Math.round(job.progress)}%`, formatTime(job.createdAt)];
    lines.push(cells.map((cell, index) => fit(cell, COLUMNS[index]![1])).join(' ').trimEnd());
  }
  if (hasMore) lines.push('', 'more jobs are older than these: --limit takes up to 100');
  return `${lines.join('\n')}\n`;
}

/** `reelay video get <id>`: the fields a person looks for, one per line. */
export function renderJobDetails(job: JobView): string {
  const rows: Array<[string, string]> = [
    ['id', job.id],
    ['status', `${job.status} (${Math.round(job.progress)}%)`],
    ['model', job.model],
    ['prompt', job.prompt],
    ['created', formatTime(job.createdAt)],
  ];
  if (job.completedAt !== null) rows.push(['finished', formatTime(job.completedAt)]);
  if (job.routing?.provider) {
    const upstream = job.routing.upstreamId ? `, upstream task ${job.routing.upstreamId}` : '';
    rows.push(['ran on', `${job.routing.provider}${job.routing.deploymentId ? ` / ${job.routing.deploymentId}` : ''}${upstream}`]);
  }
  if (job.output) rows.push(['output', `${job.output.bytes} bytes, sha256 ${job.output.sha256}`]);
  if (job.error) rows.push(['error', `${job.error.code}: ${job.error.message}`]);
  for (const warning of job.warnings) rows.push(['warning', warning]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`).join('\n') + '\n';
}

/** `2026-05-04 10:31:12Z`: UTC, so two machines print the same. */
export function formatTime(unixSeconds: number | null): string {
  if (unixSeconds === null) return '-';
  return new Date(unixSeconds * 1000).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}
