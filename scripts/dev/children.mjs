// The processes `pnpm dev` starts: each in its own process group (so a terminal's Ctrl-C
// reaches dev alone and dev stops them in order), its output in `<logDir>/<name>.log`.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Starts `command args` with stdout and stderr in a fresh log. `marker` is a part of its
 * command line that tells it from an unrelated process reusing its pid later.
 */
export function startChild({ name, command, args, env, cwd, logDir, marker = args[0] ?? command }) {
  const logPath = join(logDir, `${name}.log`);
  const fd = openSync(logPath, 'w');
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const record = { name, child, pid: child.pid, logPath, marker, exit: undefined };
  record.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve((record.exit = { code, signal })));
    child.once('error', (error) => resolve((record.exit = { code: null, signal: null, error })));
  });
  return record;
}

export function describeExit(exit) {
  if (exit.error) return `could not start (${exit.error.message})`;
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** The last `count` lines of a log, indented, for a message. */
export function tailOf(logPath, count = 20) {
  let text = '';
  try {
    text = readFileSync(logPath, 'utf8');
  } catch {
    return '    (no log)';
  }
  const lines = text.trimEnd().split('\n').slice(-count);
  return lines.length && lines[0] !== '' ? lines.map((line) => `    ${line}`).join('\n') : '    (the log is empty)';
}

function signalGroup(record, signal) {
  try {
    process.kill(-record.pid, signal);
  } catch {
    try {
      record.child.kill(signal);
    } catch {
      // already gone
    }
  }
}

const within = (promise, ms) => Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms).unref())]);

/** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited (or 5 s after the SIGKILL). */
export async function stopChild(record, graceMs) {
  if (record.exit || record.pid === undefined) return;
  signalGroup(record, 'SIGTERM');
  if (await within(record.exited, graceMs)) return;
  console.log(`reelay dev: ${record.name} (pid ${record.pid}) did not stop within ${graceMs / 1000} s; killing it`);
  killChild(record);
  await within(record.exited, 5_000);
}

export function killChild(record) {
  if (!record.exit && record.pid !== undefined) signalGroup(record, 'SIGKILL');
}

/**
 * Polls `check` every `intervalMs` until it returns a value, for at most `timeoutMs`. Gives up
 * (undefined) when `cancelled()` turns true, e.g. a child died and dev is stopping.
 */
export async function waitUntil(check, { timeoutMs, intervalMs = 150, cancelled, what }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (cancelled()) return undefined;
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (cancelled()) return undefined;
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}
