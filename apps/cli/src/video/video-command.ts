import { CliError } from './cli-error';
import { connectionFromEnv } from './connection';
import { downloadVideo, type SavedVideo } from './download-video';
import { renderJobDetails, renderJobTable } from './job-report';
import type { JobView } from './job-view';
import { ProgressLine, type ProgressOutput } from './progress-line';
import { ReelayApi } from './reelay-api';
import { parseVideoArgs, UsageError, VIDEO_USAGE, type VideoCommand } from './video-args';
import { abortableSleep, waitForJob } from './wait-for-job';

export { VIDEO_USAGE } from './video-args';

export interface VideoIO {
  env: Record<string, string | undefined>;
  stdout: ProgressOutput;
  stderr: ProgressOutput;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Default: Date.now. */
  now?: () => number;
}

/** Exit status of a wait the user stopped (128 + SIGINT), as shells report it. */
export const INTERRUPTED_EXIT = 130;

/** `reelay video …`: the exit status. */
export async function runVideo(argv: readonly string[], io: VideoIO): Promise<number> {
  let command: VideoCommand;
  try {
    command = parseVideoArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`reelay video: ${error.message}\n\n${VIDEO_USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    io.stdout.write(VIDEO_USAGE);
    return 0;
  }
  try {
    const api = new ReelayApi(connectionFromEnv(io.env), io.fetch);
    if (command.kind === 'create') return await create(api, command, io);
    if (command.kind === 'get') return await get(api, command, io);
    return await list(api, command, io);
  } catch (error) {
    if (io.signal.aborted) {
      io.stderr.write(`\nreelay video: interrupted${command.kind === 'create' ? ' (if the create reached the api, reelay video list shows the job)' : ''}\n`);
      return INTERRUPTED_EXIT;
    }
    if (!(error instanceof CliError)) throw error;
    io.stderr.write(error.render());
    return error.exitCode;
  }
}

async function create(api: ReelayApi, command: Extract<VideoCommand, { kind: 'create' }>, io: VideoIO): Promise<number> {
  const input = { model: command.model, prompt: command.prompt, ...(command.seconds === undefined ? {} : { seconds: command.seconds }), ...(command.size ? { size: command.size } : {}) };
  const created = await api.createVideo(input, io.signal);
  const { id } = created.job;
  for (const warning of created.job.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (!command.wait) {
    io.stdout.write(command.json ? json(created.raw) : `${id}\n`);
    if (io.stderr.isTTY && !command.json) io.stderr.write(`follow it: reelay video get ${id}   (or submit with --wait)\n`);
    return 0;
  }

  // With --json stdout carries only the final job object; the progress goes to stderr.
  const progressOut = command.json ? io.stderr : io.stdout;
  const out = command.out ?? `${id}.mp4`;
  const now = io.now ?? Date.now;
  const started = now();
  const progress = new ProgressLine(progressOut);
  progressOut.write(`${id} submitted (model ${command.model}); waiting for it. Ctrl-C stops the waiting, not the job.\n`);
  progress.update(created.job, 0);

  let final: { job: JobView; raw: unknown } = created;
  let retrying = false;
  const stopped = (during: string) => {
    progress.finish();
    io.stderr.write(`reelay video: stopped ${during}; job ${id} keeps running on the gateway.\n  fetch it later: reelay video get ${id} --out ${out}\n`);
    return INTERRUPTED_EXIT;
  };
  try {
    await waitForJob({
      api,
      id,
      intervalMs: command.intervalMs,
      signal: io.signal,
      now,
      sleep: abortableSleep,
      onJob(fetched) {
        final = fetched;
        retrying = false;
        progress.update(fetched.job, now() - started);
      },
      onTick: () => progress.tick(now() - started),
      onRetry(error, giveUpInMs) {
        if (retrying) return;
        retrying = true;
        progress.finish();
        io.stderr.write(`reelay video: ${error.message}; trying again (for ${Math.ceil(giveUpInMs / 1000)} s more)\n`);
      },
    });
  } catch (error) {
    if (io.signal.aborted) return stopped('waiting');
    progress.finish();
    if (error instanceof CliError) {
      io.stderr.write(`${error.render()}  job ${id} keeps running: reelay video get ${id}\n`);
      return error.exitCode;
    }
    throw error;
  }
  progress.finish();
  const { job } = final;
  if (command.json) io.stdout.write(json(final.raw));
  if (job.status !== 'completed') {
    io.stderr.write(failureText(job));
    return 1;
  }
  let saved: SavedVideo;
  try {
    saved = await downloadVideo({ api, job, out, signal: io.signal, ...(io.fetch ? { fetchImpl: io.fetch } : {}), note: (text) => io.stderr.write(`note: ${text}\n`) });
  } catch (error) {
    if (io.signal.aborted) return stopped('the download');
    throw error;
  }
  (command.json ? io.stderr : io.stdout).write(savedText(saved));
  return 0;
}

async function get(api: ReelayApi, command: Extract<VideoCommand, { kind: 'get' }>, io: VideoIO): Promise<number> {
  const { job, raw } = await api.getJob(command.id, io.signal);
  io.stdout.write(command.json ? json(raw) : renderJobDetails(job));
  if (command.out === undefined) return 0;
  if (job.status !== 'completed') {
    const why = job.error ? `${job.status} (${job.error.code}: ${job.error.message}), so it has no video` : `${job.status} (${Math.round(job.progress)}%)`;
    throw new CliError(`job ${job.id} is ${why}; nothing was saved to ${command.out}`, {
      fix: job.error || job.status === 'cancelled' ? 'submit a new job: reelay video create …' : `run this again once it is completed, or follow it: reelay video get ${job.id} until status is completed`,
    });
  }
  const saved = await downloadVideo({ api, job, out: command.out, signal: io.signal, ...(io.fetch ? { fetchImpl: io.fetch } : {}), note: (text) => io.stderr.write(`note: ${text}\n`) });
  (command.json ? io.stderr : io.stdout).write(savedText(saved));
  return 0;
}

async function list(api: ReelayApi, command: Extract<VideoCommand, { kind: 'list' }>, io: VideoIO): Promise<number> {
  const page = await api.listVideos(command.limit, io.signal);
  io.stdout.write(command.json ? json(page.raw) : renderJobTable(page.jobs, page.hasMore));
  return 0;
}

function failureText(job: JobView): string {
  const where = job.routing?.provider ? ` on ${job.routing.provider}${job.routing.deploymentId ? ` / ${job.routing.deploymentId}` : ''}` : '';
  const error = job.error ? `${job.error.code}: ${job.error.message}` : 'the api gave no error';
  return `reelay video: job ${job.id} ${job.status}${where}: ${error}\n  details: reelay video get ${job.id}\n`;
}

function savedText(saved: SavedVideo): string {
  return `saved ${saved.path} (${saved.bytes} bytes, sha256 ${saved.sha256}, both as the job reports; from ${saved.source === 'api' ? 'the api' : 'output.url'})\n`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
