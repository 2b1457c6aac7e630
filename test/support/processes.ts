import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process printed, for assertions and failure messages. */
  output(): string;
  /** SIGTERM (or the given signal) to the whole process group; resolves on exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Runs a root script exactly as the README does (`pnpm start:api`), in its own process
 * group so a signal reaches node and not just pnpm.
 */
export function startScript(script: string, env: Record<string, string>): StartedProcess {
  const child = spawn('pnpm', ['--silent', script], {
    cwd: REPO_ROOT,
    // REELAY_CHILD_NODE_OPTIONS reaches the started processes (e.g. --cpu-prof when profiling a benchmark).
    env: { ...process.env, ...env, NODE_OPTIONS: process.env.REELAY_CHILD_NODE_OPTIONS ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close' waits until every holder of the pipes (pnpm, sh and node) is gone, so the
  // process's last words are in `output` when this resolves.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
      return exited;
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value, or fails with `describe()` after the timeout. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, options: { timeoutMs: number; intervalMs?: number; describe: () => string }): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${options.timeoutMs} ms: ${options.describe()}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** Waits until GET url answers 200 (the process is up), or the process exits. */
export async function waitForHttp(url: string, proc: StartedProcess, timeoutMs = 20_000): Promise<void> {
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  await waitFor(
    async () => {
      if (exitCode !== undefined) throw new Error(`process exited with ${exitCode} before ${url} answered:\n${proc.output()}`);
      const ok = await fetch(url).then((r) => r.ok).catch(() => false);
      return ok ? true : undefined;
    },
    { timeoutMs, intervalMs: 150, describe: () => `${url} never answered; output:\n${proc.output()}` },
  );
}
