import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatFakes, textFakePortVariable } from '../fakes/chat/chat-fakes';
import { VERTEX_FAKE_PORT_VARIABLE } from '../fakes/chat/vertex/fake-port';
import { fakePortVariable, videoFakes } from '../fakes/video-fakes';
import { REPO_ROOT, freePort, waitFor } from '../support/processes';
import { freshRedisUrl } from '../support/redis';

/**
 * Issue 13: `pnpm dev` (scripts/dev.mjs) runs the demo in one command and stops all of it on
 * Ctrl-C. Started here as `node scripts/dev.mjs`, on ports of its own and a state folder of its
 * own, so a developer's running `pnpm dev` and the other e2e files are not touched.
 */
const MASTER_KEY = 'sk-dev-command-test-key';

interface DevRun {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function startDev(env: Record<string, string>): DevRun {
  const child = spawn(process.execPath, ['scripts/dev.mjs'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function exitWithin(run: DevRun, timeoutMs: number): Promise<number | null> {
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  const code = await Promise.race([run.exited, timeout]);
  if (code === 'timeout') throw new Error(`pnpm dev did not exit within ${timeoutMs} ms; output:\n${run.output()}`);
  return code;
}

async function waitForLine(run: DevRun, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return waitFor(
    () => {
      const match = pattern.exec(run.output());
      if (match) return match;
      if (run.child.exitCode !== null) throw new Error(`pnpm dev exited with ${run.child.exitCode}; output:\n${run.output()}`);
      return undefined;
    },
    { timeoutMs, intervalMs: 100, describe: () => `no ${pattern} in the output:\n${run.output()}` },
  );
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let tries = 0; ports.size < count && tries < count * 10; tries += 1) ports.add(await freePort());
  return [...ports];
}

/** Every fake on a port of its own; vertex is not in the compose lists but listens too. */
async function devEnv(devDir: string, redisUrl: string): Promise<Record<string, string>> {
  const variables = [...Object.keys(videoFakes).map(fakePortVariable), ...Object.keys(chatFakes).map(textFakePortVariable), VERTEX_FAKE_PORT_VARIABLE];
  const [apiPort, ...fakePorts] = await distinctFreePorts(variables.length + 1);
  const envFile = join(devDir, 'test.env');
  // Read as the .env: a comment, export, quotes.
  writeFileSync(envFile, `# dev-command test\nexport REELAY_MASTER_KEY="${MASTER_KEY}"\nFAKE_COMPLETE_AFTER_MS=1000 # fast\nLOG_LEVEL='warn'\n`);
  return {
    ...Object.fromEntries(variables.map((variable, n) => [variable, String(fakePorts[n])])),
    PORT: String(apiPort),
    REDIS_URL: redisUrl,
    REELAY_CONFIG: 'infra/config/demo.yaml',
    REELAY_DEV_DIR: devDir,
    REELAY_DEV_ENV_FILE: envFile,
  };
}

interface DevState {
  pid: number;
  children: Array<{ name: string; pid: number; ports: number[] }>;
}
const readState = (devDir: string) => JSON.parse(readFileSync(join(devDir, 'dev.json'), 'utf8')) as DevState;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Stops a run a failed test left behind, and any child it recorded: nothing outlives the file. */
async function cleanUp(run: DevRun | undefined, devDir: string) {
  const children = existsSync(join(devDir, 'dev.json')) ? readState(devDir).children : [];
  if (run && run.child.exitCode === null && run.child.signalCode === null) {
    run.child.kill('SIGTERM');
    await exitWithin(run, 60_000).catch(() => run.child.kill('SIGKILL'));
  }
  for (const child of children) if (isAlive(child.pid)) process.kill(child.pid, 'SIGKILL');
  rmSync(devDir, { recursive: true, force: true });
}

async function expectAllStopped(state: DevState, extraPorts: number[]) {
  for (const child of state.children) expect(() => process.kill(child.pid, 0), `${child.name} (pid ${child.pid}) still runs`).toThrow();
  for (const port of [...state.children.flatMap((child) => child.ports), ...extraPorts]) expect(await portIsFree(port), `port ${port} is still taken`).toBe(true);
}

describe('pnpm dev on a Redis that runs', () => {
  const devDir = mkdtempSync(join(tmpdir(), 'reelay-dev-'));
  let env: Record<string, string>;
  let dev: DevRun;
  let apiUrl: string;
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
  const authed = { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' };

  beforeAll(async () => {
    // Shares db 6 with video-providers.test.ts; e2e files run one at a time, each flushing it.
    env = await devEnv(devDir, await freshRedisUrl(6));
    dev = startDev(env);
    // A stale bundle means a build first.
    apiUrl = (await waitForLine(dev, /reelay dev: ready at (http:\/\/\S+)/, 150_000))[1]!;
  }, 160_000);
  afterAll(() => cleanUp(dev, devDir), 90_000);

  it('prints the api URL, the master key from the .env, where videos are stored, the logs and the curls', () => {
    const output = dev.output();
    expect(apiUrl).toBe(`http://127.0.0.1:${env.PORT}`);
    expect(output).toContain(`master key  ${MASTER_KEY}`);
    expect(output).toMatch(/videos {6}s3rver at http:\/\/127\.0\.0\.1:\d+, bucket reelay-videos/);
    expect(output).toContain(`${join(devDir, 'logs')}/<name>.log`);
    for (const name of ['s3', 'fakes', 'api', 'worker']) expect(output).toMatch(new RegExp(`reelay dev: ${name} +pid \\d+ .*\\(log ${join(devDir, 'logs', name)}\\.log\\)`));
    expect(output).toContain(`curl -s ${apiUrl}/v1/video/generations/$ID`);
    expect(output).toContain(`curl -s ${apiUrl}/v1/chat/completions`);
  });

  it('runs a video job as the printed curl does: created, polled to completed, the MP4 downloaded from its output URL', async () => {
    const [, url, body] = /ID=\$\(curl -s -X POST (\S+) .* -d '(\{.*?\})'/.exec(dev.output())!;
    const created = await fetch(url!, { method: 'POST', headers: authed, body });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const job = await waitFor(
      async () => {
        const current = (await (await fetch(`${apiUrl}/v1/video/generations/${id}`, { headers: authed })).json()) as { status: string; output?: { url: string; bytes: number; sha256: string } };
        if (current.status === 'failed' || current.status === 'cancelled') throw new Error(`job ${id} ended ${JSON.stringify(current)}`);
        return current.status === 'completed' ? current : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, describe: () => `job ${id} never completed; worker log:\n${readFileSync(join(devDir, 'logs', 'worker.log'), 'utf8').slice(-3000)}` },
    );
    const download = await fetch(job.output!.url);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(bytes.length).toBe(job.output!.bytes);
    expect(sha256(bytes)).toBe(job.output!.sha256);
    expect(existsSync(join(devDir, 's3', 'reelay-videos', 'videos', `${id}.mp4._S3rver_object`))).toBe(true);
  });

  it('answers the printed chat curl', async () => {
    const [, url, body] = /curl -s (\S+\/v1\/chat\/completions) .* -d '(\{.*?\})'/.exec(dev.output())!;
    const response = await fetch(url!, { method: 'POST', headers: authed, body });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBeTruthy();
  });

  it('a second start while it runs says which pid and URL run, exits non-zero and leaves the first alone', async () => {
    const second = startDev(env);
    expect(await exitWithin(second, 20_000)).not.toBe(0);
    expect(second.output()).toContain(`already running (pid ${dev.child.pid}, api ${apiUrl}`);
    expect(readState(devDir).pid).toBe(dev.child.pid);
    expect((await fetch(`${apiUrl}/health/readiness`)).status).toBe(200);
  });

  it('SIGINT stops every process it started, frees their ports and exits 0', async () => {
    const state = readState(devDir);
    expect(state.children.map((child) => child.name).sort()).toEqual(['api', 'fakes', 's3', 'worker']);
    process.kill(dev.child.pid!, 'SIGINT');
    expect(await exitWithin(dev, 60_000)).toBe(0);
    expect(dev.output()).toContain('reelay dev: stopped');
    await expectAllStopped(state, [Number(env[VERTEX_FAKE_PORT_VARIABLE])]);
    expect(existsSync(join(devDir, 'dev.json'))).toBe(false);
  }, 70_000);
});

describe('pnpm dev without a Redis, or on a taken port', () => {
  const devDir = mkdtempSync(join(tmpdir(), 'reelay-dev-'));
  let run: DevRun | undefined;
  afterAll(() => cleanUp(run, devDir), 90_000);

  it('starts a redis-server of its own when nothing answers at REDIS_URL, and SIGTERM stops it too', async () => {
    const env = await devEnv(devDir, `redis://127.0.0.1:${await freePort()}/6`);
    run = startDev(env);
    await waitForLine(run, /reelay dev: ready at/, 150_000);
    expect(run.output()).toMatch(/nothing answered PING at redis:\/\/127\.0\.0\.1:\d+\/6 \(ECONNREFUSED\); starting \S*redis-server/);
    expect(run.output()).toContain(`data in ${join(devDir, 'redis')}`);
    const state = readState(devDir);
    expect(state.children.map((child) => child.name)).toContain('redis');
    process.kill(run.child.pid!, 'SIGTERM');
    expect(await exitWithin(run, 60_000)).toBe(0);
    await expectAllStopped(state, []);
  }, 170_000);

  it('stops with the install command, and no stack trace, when there is neither a Redis nor a redis-server', async () => {
    const env = await devEnv(devDir, `redis://127.0.0.1:${await freePort()}`);
    const emptyPath = mkdtempSync(join(tmpdir(), 'reelay-dev-path-'));
    run = startDev({ ...env, PATH: emptyPath });
    expect(await exitWithin(run, 20_000)).toBe(1);
    expect(run.output()).toMatch(/no redis-server on PATH[\s\S]*Install it: {2}(sudo apt-get install -y redis-server|brew install redis|see https:\/\/redis\.io\/)/);
    expect(run.output()).not.toMatch(/\n\s+at /);
    expect(existsSync(join(devDir, 'dev.json'))).toBe(false);
    rmSync(emptyPath, { recursive: true, force: true });
  });

  it('names each taken port and the variable that moves it', async () => {
    const env = await devEnv(devDir, await freshRedisUrl(6));
    const holders: Server[] = [];
    for (const port of [env.PORT, env.FAKE_OPENAI_PORT]) {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(Number(port), '127.0.0.1', resolve));
      holders.push(server);
    }
    try {
      run = startDev(env);
      expect(await exitWithin(run, 20_000)).toBe(1);
      expect(run.output()).toContain(`port ${env.PORT} (the api) is in use: free it, or set PORT to another port`);
      expect(run.output()).toContain(`port ${env.FAKE_OPENAI_PORT} (a fake provider) is in use: free it, or set FAKE_OPENAI_PORT to another port`);
    } finally {
      await Promise.all(holders.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
