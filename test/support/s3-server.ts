import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface S3ServerInfo {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface RunningS3Server extends S3ServerInfo {
  stop(): Promise<void>;
}

/** s3rver accepts these fixed development credentials. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Starts s3rver in a child process on a free loopback port with one bucket. */
export async function startS3Server(bucket = 'reelay-test'): Promise<RunningS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'reelay-s3-'));
  const child = spawnS3rver(0, directory, bucket);
  const port = await waitForPort(child);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket,
    ...CREDENTIALS,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** An S3 server a test can take down and bring back on the same port with the same objects (an outage). */
export interface OutageS3Server extends S3ServerInfo {
  /** Stops the server: connections are refused until `start`. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOutageS3Server(bucket = 'reelay-outage'): Promise<OutageS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'reelay-s3-outage-'));
  let child = spawnS3rver(0, directory, bucket);
  const port = await waitForPort(child);
  const down = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket,
    ...CREDENTIALS,
    down,
    async up() {
      child = spawnS3rver(port, directory, bucket);
      await waitForPort(child);
    },
    async stop() {
      await down();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function spawnS3rver(port: number, directory: string, bucket: string): ChildProcess {
  const script = fileURLToPath(new URL('./s3rver-process.mjs', import.meta.url));
  return spawn(process.execPath, [script, String(port), directory, bucket], { stdio: ['ignore', 'pipe', 'inherit'] });
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('s3rver did not start within 15 s')), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening (\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited with code ${code} before listening`));
    });
  });
}
