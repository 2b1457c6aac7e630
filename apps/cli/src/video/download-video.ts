import { createHash } from 'node:crypto';
import { open as openFile, rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CliError } from './cli-error';
import type { JobView } from './job-view';
import type { ReelayApi } from './reelay-api';

export interface DownloadOptions {
  api: Pick<ReelayApi, 'openContent'>;
  job: JobView;
  out: string;
  signal: AbortSignal;
  /** For output.url, which is presigned: it gets no Authorization header. */
  fetchImpl?: typeof fetch;
  /** A line for stderr (a fallback taken). */
  note(text: string): void;
}

export interface SavedVideo {
  path: string;
  bytes: number;
  sha256: string;
  /** `output.url` (straight from the bucket) or `api` (GET /v1/videos/:id/content). */
  source: 'output.url' | 'api';
}

/** A download that receives nothing for this long is given up. */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * Saves a completed job's video to `out`, through `<out>.part` so a broken or interrupted
 * download never leaves a file that looks finished, and checks its size and sha256 against
 * what the job object reports. Presigned `output.url` first (the bytes come from the bucket,
 * not through the api); when that host is unreachable from here (compose's `minio:9000`) or the
 * link expired, the api's /content route.
 */
export async function downloadVideo(options: DownloadOptions): Promise<SavedVideo> {
  const { job, out } = options;
  const expected = job.output;
  if (!expected) {
    throw new CliError(`job ${job.id} is ${job.status} but its object has no output with bytes and sha256, so the download could not be checked`, {
      fix: `fetch it without a check: curl -o ${out} -H "Authorization: Bearer $REELAY_MASTER_KEY" <REELAY_URL>/v1/videos/${job.id}/content`,
    });
  }
  const part = `${out}.part`;
  try {
    let saved: Omit<SavedVideo, 'path'> | undefined;
    if (expected.url) {
      try {
        saved = { ...(await save(() => (options.fetchImpl ?? fetch)(expected.url!, { signal: options.signal }), part, options.signal)), source: 'output.url' };
      } catch (error) {
        if (options.signal.aborted || error instanceof LocalFileError) throw error;
        options.note(`output.url could not be fetched (${reason(error)}); downloading through the api instead`);
      }
    }
    if (!saved) {
      try {
        saved = { ...(await save((signal) => options.api.openContent(job.id, signal), part, options.signal)), source: 'api' };
      } catch (error) {
        if (options.signal.aborted || error instanceof LocalFileError || error instanceof CliError) throw error;
        throw new CliError(`the download of ${job.id} through the api broke off: ${reason(error)}`, { fix: `try again: reelay video get ${job.id} --out ${out}` });
      }
    }
    if (saved.bytes !== expected.bytes || saved.sha256 !== expected.sha256) {
      throw new CliError(
        `the download of ${job.id} (${saved.source}) is ${saved.bytes} bytes with sha256 ${saved.sha256}, but the job reports ${expected.bytes} bytes with sha256 ${expected.sha256}; nothing was saved`,
        { fix: `try again: reelay video get ${job.id} --out ${out}` },
      );
    }
    await rename(part, out);
    return { ...saved, path: out };
  } catch (error) {
    await rm(part, { force: true });
    if (error instanceof LocalFileError) {
      throw new CliError(`cannot write ${out}: ${error.message}`, { fix: 'choose an --out path in a directory that exists and that you can write to' });
    }
    throw error;
  }
}

/** A failure of the file here, not of the download. */
class LocalFileError extends Error {}

async function save(open: (signal: AbortSignal) => Promise<Response>, path: string, userSignal: AbortSignal): Promise<{ bytes: number; sha256: string }> {
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(new Error(`nothing received for ${IDLE_TIMEOUT_MS / 1000} s`)), IDLE_TIMEOUT_MS);
  const restartIdle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(new Error(`nothing received for ${IDLE_TIMEOUT_MS / 1000} s`)), IDLE_TIMEOUT_MS);
  };
  try {
    const response = await open(AbortSignal.any([userSignal, idle.signal]));
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`answered ${response.status} ${response.statusText}`.trim());
    }
    const hash = createHash('sha256');
    let bytes = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        restartIdle();
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    // Opened before the first byte, so a bad --out is reported as such and not as a failed download.
    const file = await openFile(path, 'w').catch((error: NodeJS.ErrnoException) => {
      throw new LocalFileError(error.code ?? error.message);
    });
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), measure, file.createWriteStream());
    return { bytes, sha256: hash.digest('hex') };
  } catch (error) {
    if (userSignal.aborted) throw userSignal.reason;
    if (idle.signal.aborted) throw idle.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function reason(error: unknown): string {
  if (error instanceof CliError) return error.message;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
