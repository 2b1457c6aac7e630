import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY, startGateway, type Gateway } from '../support/gateway';
import { freePort, REPO_ROOT, waitFor } from '../support/processes';

/**
 * `reelay video` as a person runs it: the built command line (apps/cli/dist/main.js) as a child
 * process, its stdout a pipe (not a TTY, so one progress line per change), against the built api
 * and worker with the fake providers behind them. Redis database 4, as bad-input.test.ts: e2e
 * files run one at a time and each flushes its database first.
 */
let gateway: Gateway;
let workDir: string;

beforeAll(async () => {
  // Long enough for several progress steps between the worker's first status call (1 s) and the end.
  gateway = await startGateway({ redisDb: 4, completeAfterMs: 6000 });
  workDir = mkdtempSync(join(tmpdir(), 'reelay-cli-video-'));
});
afterAll(async () => {
  await gateway?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const CLI = join(REPO_ROOT, 'apps/cli/dist/main.js');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Starts the cli; `done` resolves when it exits, killed after `timeoutMs` so no test hangs. */
function start(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000) {
  const child = spawn(process.execPath, [CLI, 'video', ...args], {
    cwd: workDir,
    env: { ...process.env, NODE_OPTIONS: '', REELAY_URL: gateway.baseUrl, REELAY_MASTER_KEY: MASTER_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<Run>((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      run.code = code;
      resolve(run);
    }),
  );
  return { child, run, done };
}

const reelay = (args: string[], env?: Record<string, string>) => start(args, env).done;

/** `in_progress   42%  elapsed 0:03  openai / sora-2-fake` → its parts. */
function progressLines(stdout: string) {
  return stdout
    .split('\n')
    .map((line) => /^(queued|in_progress|completed|failed|cancelled)\s+(\d+)%\s+elapsed (\d+:\d\d)(?:\s+(.*))?$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ status: match[1]!, progress: Number(match[2]), where: match[4] }));
}

// any: the job object as the api sent it, read field by field in assertions.
async function jobJson(id: string): Promise<Record<string, any>> {
  const result = await reelay(['get', id, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, any>; // any: as above
}

describe('reelay video against the api', () => {
  let completedId: string;
  let failedId: string;

  it('create --wait follows the job line by line, then saves the MP4 the provider made, checked', async () => {
    const out = join(workDir, 'lighthouse.mp4');
    const result = await reelay(['create', '--model', 'sora-2', '--prompt', 'a lighthouse at dawn', '--seconds', '4', '--wait', '--out', out, '--interval', '0.3']);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).not.toContain('\r'); // not a TTY: no redrawn line
    completedId = /^(video_[a-f0-9]{24}) submitted \(model sora-2\)/.exec(result.stdout)![1]!;

    const lines = progressLines(result.stdout);
    expect(lines[0]).toMatchObject({ status: 'queued', progress: 0 });
    expect(lines.at(-1)).toMatchObject({ status: 'completed', progress: 100, where: 'openai / sora-2-fake' });
    const percents = lines.map((line) => line.progress);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(new Set(percents.filter((p) => p > 0 && p < 100)).size, result.stdout).toBeGreaterThanOrEqual(2);
    // One line per change: no two lines alike.
    const keys = lines.map((line) => `${line.status}|${line.progress}|${line.where}`);
    expect(new Set(keys).size).toBe(keys.length);

    const job = await jobJson(completedId);
    const saved = readFileSync(out);
    expect(saved.equals(gateway.fake.expectedVideo(job.routing.upstream_id))).toBe(true);
    expect({ bytes: saved.length, sha256: sha256(saved) }).toEqual({ bytes: job.output.bytes, sha256: job.output.sha256 });
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(`saved ${out} (${job.output.bytes} bytes, sha256 ${job.output.sha256}, both as the job reports; from output.url)`);
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('a job that fails exits 1 with its error code and message, and saves nothing', async () => {
    const before = readdirSync(workDir);
    const result = await reelay(['create', '--model', 'sora-2', '--prompt', '[fail] a storm at sea', '--wait', '--interval', '0.3']);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(1);
    failedId = /^(video_[a-f0-9]{24}) submitted/.exec(result.stdout)![1]!;
    const job = await jobJson(failedId);
    expect(job.error).toMatchObject({ message: 'The video could not be generated.' });
    expect(progressLines(result.stdout).at(-1)).toMatchObject({ status: 'failed', progress: job.progress });
    expect(result.stderr).toBe(`reelay video: job ${failedId} failed on openai / sora-2-fake: ${job.error.code}: ${job.error.message}\n  details: reelay video get ${failedId}\n`);
    expect(readdirSync(workDir)).toEqual(before);
  });

  it('get shows one job, and with --out saves a completed one', async () => {
    const shown = await reelay(['get', completedId]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^id: +${completedId}\nstatus: +completed \\(100%\\)\nmodel: +sora-2\nprompt: +a lighthouse at dawn\n`));
    expect(shown.stdout).toMatch(/ran on: +openai \/ sora-2-fake, upstream task video_/);

    const out = join(workDir, 'again.mp4');
    const fetched = await reelay(['get', completedId, '--out', out]);
    expect(fetched.code, fetched.stderr).toBe(0);
    const job = await jobJson(completedId);
    expect(sha256(readFileSync(out))).toBe(job.output.sha256);

    const failed = await reelay(['get', failedId]);
    expect(failed.code).toBe(0);
    const failedJob = await jobJson(failedId);
    expect(failed.stdout).toMatch(new RegExp(`\nerror: +${failedJob.error.code}: The video could not be generated\\.\n`));
    const noVideo = await reelay(['get', failedId, '--out', join(workDir, 'none.mp4')]);
    expect(noVideo.code).toBe(1);
    expect(noVideo.stderr).toContain(`job ${failedId} is failed (${failedJob.error.code}: The video could not be generated.), so it has no video; nothing was saved`);
    expect(existsSync(join(workDir, 'none.mp4'))).toBe(false);
  });

  it('list shows the jobs of the key, newest first', async () => {
    const result = await reelay(['list', '--limit', '10']);
    expect(result.code, result.stderr).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +MODEL +STATUS +PROGRESS +CREATED$/);
    expect(rows[0]).toMatch(new RegExp(`^${failedId} +sora-2 +failed +\\d+% +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`));
    expect(rows[1]).toMatch(new RegExp(`^${completedId} +sora-2 +completed +100% `));
    const listed = JSON.parse((await reelay(['list', '--json'])).stdout) as { data: Array<{ id: string }> };
    expect(listed.data.map((job) => job.id)).toEqual([failedId, completedId]);
  });

  it('create without --wait prints the id (or the job with --json)', async () => {
    const plain = await reelay(['create', '--model', 'sora-2', '--prompt', 'a quiet harbour']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^video_[a-f0-9]{24}\n$/);
    const json = await reelay(['create', '--model', 'sora-2', '--prompt', 'a quiet harbour', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ object: 'video', status: 'queued', model: 'sora-2' });
  });

  it('Ctrl-C while waiting says the job keeps running and how to fetch it, exit 130', async () => {
    const waiting = start(['create', '--model', 'sora-2', '--prompt', '[slow] a long sunset', '--wait', '--interval', '0.3']);
    await waitFor(() => (progressLines(waiting.run.stdout).length > 0 ? true : undefined), { timeoutMs: 15_000, describe: () => waiting.run.stdout + waiting.run.stderr });
    waiting.child.kill('SIGINT');
    const result = await waiting.done;
    expect(result.code).toBe(130);
    const id = /^(video_[a-f0-9]{24}) submitted/.exec(result.stdout)![1]!;
    expect(result.stderr).toContain(`stopped waiting; job ${id} keeps running on the gateway.\n  fetch it later: reelay video get ${id} --out ${id}.mp4\n`);
    expect(['queued', 'in_progress']).toContain((await jobJson(id)).status);
  });

  it('the api\'s errors as it said them, with what to fix', async () => {
    const wrongKey = await reelay(['list'], { REELAY_MASTER_KEY: 'sk-not-the-gateway-key' });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/^reelay video: the api answered 401 invalid_api_key: Incorrect API key provided\..*\n {2}fix: set REELAY_MASTER_KEY to the gateway's key/);

    const noKey = await reelay(['list'], { REELAY_MASTER_KEY: '' });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('REELAY_MASTER_KEY is not set');

    const unknownModel = await reelay(['create', '--model', 'no-such-model', '--prompt', 'x']);
    expect(unknownModel.code).toBe(1);
    expect(unknownModel.stderr).toMatch(/^reelay video: the api answered 404 model_not_found: /);

    const port = await freePort();
    const down = await reelay(['list'], { REELAY_URL: `http://127.0.0.1:${port}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`cannot reach the reelay api at http://127.0.0.1:${port} (REELAY_URL): ECONNREFUSED`);
    expect(down.stderr).toContain('set REELAY_URL');

    const usage = await reelay(['create', '--model', 'sora-2', '--prompt', 'x', '--seconds', 'four']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--seconds takes a whole number[^\n]*\n\nusage:\n {2}reelay video create/);
  });
});
