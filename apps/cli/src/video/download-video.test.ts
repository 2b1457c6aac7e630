import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error';
import { downloadVideo } from './download-video';
import type { JobView } from './job-view';

const video = Buffer.from('\0\0\0 ftypisom fake mp4 bytes for the download test');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function completed(output: Partial<NonNullable<JobView['output']>> = {}): JobView {
  return {
    id: 'video_0123456789abcdef01234567',
    status: 'completed',
    progress: 100,
    model: 'sora-2',
    prompt: 'p',
    createdAt: 0,
    completedAt: 1,
    error: null,
    output: { url: 'http://minio:9000/reelay-videos/videos/video_0123456789abcdef01234567.mp4?X-Amz-Signature=x', bytes: video.length, sha256: sha256(video), ...output },
    routing: null,
    warnings: [],
  };
}

function setup(urlAnswer: () => Promise<Response>) {
  const dir = mkdtempSync(join(tmpdir(), 'reelay-download-'));
  const notes: string[] = [];
  const urlCalls: Array<RequestInit | undefined> = [];
  const contentCalls: string[] = [];
  return {
    dir,
    notes,
    urlCalls,
    contentCalls,
    options: (job: JobView, out = join(dir, 'out.mp4')) => ({
      job,
      out,
      signal: new AbortController().signal,
      note: (text: string) => void notes.push(text),
      fetchImpl: (async (_url: string | URL | Request, init?: RequestInit) => {
        urlCalls.push(init);
        return urlAnswer();
      }) as typeof fetch,
      api: {
        async openContent(id: string) {
          contentCalls.push(id);
          return new Response(video, { status: 200, headers: { 'content-type': 'video/mp4' } });
        },
      },
    }),
  };
}

describe('downloadVideo', () => {
  it('saves output.url, unauthenticated (it is presigned), and checks size and sha256', async () => {
    const run = setup(async () => new Response(video));
    const saved = await downloadVideo(run.options(completed()));
    expect(saved).toEqual({ path: join(run.dir, 'out.mp4'), bytes: video.length, sha256: sha256(video), source: 'output.url' });
    expect(readFileSync(saved.path).equals(video)).toBe(true);
    expect(run.urlCalls[0]?.headers).toBeUndefined();
    expect(run.contentCalls).toEqual([]);
  });

  it('falls back to the api when output.url cannot be reached from here (compose\'s minio:9000) or answers an error', async () => {
    const unreachable = setup(async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    });
    expect((await downloadVideo(unreachable.options(completed()))).source).toBe('api');
    expect(unreachable.notes).toEqual(['output.url could not be fetched (ENOTFOUND); downloading through the api instead']);

    const expired = setup(async () => new Response('<Error>AccessDenied</Error>', { status: 403, statusText: 'Forbidden' }));
    expect((await downloadVideo(expired.options(completed()))).source).toBe('api');
    expect(expired.notes).toEqual(['output.url could not be fetched (answered 403 Forbidden); downloading through the api instead']);
  });

  it('keeps nothing when the bytes are not what the job reports', async () => {
    const run = setup(async () => new Response(video));
    const error = await downloadVideo(run.options(completed({ sha256: 'f'.repeat(64) }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(`the download of video_0123456789abcdef01234567 (output.url) is ${video.length} bytes with sha256 ${sha256(video)}, but the job reports ${video.length} bytes with sha256 ${'f'.repeat(64)}; nothing was saved`);
    expect(readdirSync(run.dir)).toEqual([]);
  });

  it('says so when --out cannot be written', async () => {
    const run = setup(async () => new Response(video));
    const out = join(run.dir, 'missing-dir', 'out.mp4');
    const error = (await downloadVideo(run.options(completed(), out)).catch((e: unknown) => e)) as CliError;
    expect(error.message).toBe(`cannot write ${out}: ENOENT`);
    expect(error.options.fix).toMatch(/--out path in a directory that exists/);
    expect(existsSync(`${out}.part`)).toBe(false);
  });
});
