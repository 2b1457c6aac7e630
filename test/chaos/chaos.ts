/**
 * Chaos suite (issue 9 §6): faults on purpose while video jobs run, judged from what the
 * provider fake and the webhook receiver saw, not from reelay's own word.
 *
 * Starts a Redis of its own (AOF, fsync always), an S3 server it can stop, the OpenAI fake, a
 * webhook receiver it can stop, the api and two workers (the built bundles, as the README runs
 * them). While CHAOS_JOBS jobs run it: kills a worker inside a paid create, SIGKILLs a worker
 * CHAOS_KILLS times (a replacement starts each time), kills Redis and restarts it, stops S3,
 * and stops the receiver. Clients retry a 503 with the same Idempotency-Key, as a client should.
 *
 * Figures: jobs lost (unknown to the api), stuck (not terminal), failed (by code), paid twice
 * (two videos at the provider for one job), paid and abandoned (a video at the provider for a
 * job that did not complete), terminal webhooks missing, unverified, or delivered before a
 * later non-terminal one. Exits 1 when any of them is not 0.
 *
 * Run: pnpm build && pnpm test:chaos. Options: CHAOS_JOBS=60 CHAOS_KILLS=10.
 * Needs redis-server on PATH; uses loopback only and stops everything it started.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { startFakeOpenAIVideos, type FakeOpenAIVideos } from '../fakes/openai-videos/index';
import { freePort, startScript, waitFor, waitForHttp, type StartedProcess } from '../support/processes';
import { demoFakeEnv, reelayEnv } from '../support/reelay-env';
import { startOwnRedis } from '../support/redis-server';
import { startOutageS3Server } from '../support/s3-server';
import { envSetting } from '../support/env-setting';

const setting = (name: string, fallback: number) => envSetting(name, fallback, { integer: true });
const JOBS = setting('CHAOS_JOBS', 60);
const KILLS = setting('CHAOS_KILLS', 10);
const MASTER_KEY = 'sk-reelay-chaos-master-key';
const FAKE_KEY = 'sk-fake-chaos-key';
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Delivery {
  type: string;
  jobId: string;
  verified: boolean;
}

/** A webhook receiver on a fixed loopback port that can go down and come back. */
async function startReceiver(secret: string) {
  const verifier = new Webhook(secret);
  const deliveries: Delivery[] = [];
  const port = await freePort();
  let server: Server | undefined;
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let verified = true;
          try {
            verifier.verify(raw, req.headers as Record<string, string>);
          } catch {
            verified = false;
          }
          const body = JSON.parse(raw) as { type: string; data: { id: string } };
          deliveries.push({ type: body.type, jobId: body.data.id, verified });
          res.statusCode = 204;
          res.end();
        });
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await up();
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    up,
    down: () =>
      new Promise<void>((resolve) => {
        server?.closeAllConnections();
        server?.close(() => resolve());
      }),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const redis = await startOwnRedis();
  const s3 = await startOutageS3Server();
  const fake: FakeOpenAIVideos = await startFakeOpenAIVideos({ apiKey: FAKE_KEY, completeAfterMs: 3_000 });
  const receiver = await startReceiver(secret);
  const port = await freePort();
  const env = {
    ...reelayEnv({ configPath: 'infra/config/demo.yaml', redisUrl: redis.url, port, masterKey: MASTER_KEY, s3 }),
    ...demoFakeEnv(FAKE_KEY, { openai: fake.baseUrl }),
    WEBHOOK_SECRET: secret,
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = startScript('start:api', env);
  const workers: StartedProcess[] = [startScript('start:worker', env), startScript('start:worker', env)];
  const live = () => workers.filter((worker) => worker.child.exitCode === null && worker.child.signalCode === null);
  const killOne = async () => {
    const victim = live()[Math.floor(Math.random() * live().length)];
    await victim?.stop('SIGKILL');
    workers.push(startScript('start:worker', env));
  };
  const call = (path: string, init: RequestInit = {}) => fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json', ...init.headers } });
  const events: string[] = [];
  const note = (what: string) => events.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${what}`);

  try {
    await waitForHttp(`${baseUrl}/health/readiness`, api);
    note('stack up');

    // A client that retries a 503 (Redis away) with the same Idempotency-Key, for up to a minute.
    const submit = async (n: number): Promise<{ prompt: string; id?: string }> => {
      const prompt = `chaos job ${n} ${randomUUID()}`;
      const key = `chaos-${n}-${randomUUID()}`;
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
        const response = await call('/v1/video/generations', {
          method: 'POST',
          headers: { 'idempotency-key': key },
          body: JSON.stringify({ model: 'sora-2', prompt, seconds: 4, callback_url: receiver.url }),
        }).catch(() => undefined);
        if (response?.status === 202) return { prompt, id: ((await response.json()) as { id: string }).id };
        await sleep(500);
      }
      return { prompt };
    };
    const submissions = (async () => {
      const results: Array<{ prompt: string; id?: string }> = [];
      for (let n = 0; n < JOBS; n++) {
        results.push(await submit(n));
        await sleep(150);
      }
      return results;
    })();

    const chaos = (async () => {
      await sleep(1_500);
      // A worker dies inside a paid create: the vendor makes the task and answers too late.
      fake.setCreateDelay(5_000);
      const before = fake.stats().creates;
      await waitFor(() => (fake.stats().creates > before ? true : undefined), { timeoutMs: 20_000, describe: () => 'no create reached the fake' });
      await Promise.all(live().map((worker) => worker.stop('SIGKILL')));
      fake.setCreateDelay(0);
      workers.push(startScript('start:worker', env), startScript('start:worker', env));
      note('killed every worker inside a paid create');
      for (let kill = 0; kill < KILLS; kill++) {
        await sleep(1_200);
        await killOne();
      }
      note(`SIGKILL storm: ${KILLS} workers killed and replaced`);
      await redis.kill();
      note('redis killed');
      await sleep(4_000);
      await redis.restart();
      note('redis back');
      await s3.down();
      note('s3 down');
      await sleep(15_000);
      await s3.up();
      note('s3 back');
      await receiver.down();
      note('webhook receiver down');
      await sleep(3_000);
      await receiver.up();
      note('webhook receiver back');
    })();

    const [submitted] = await Promise.all([submissions, chaos]);
    const ids = submitted.flatMap((s) => (s.id ? [s.id] : []));
    const jobs = new Map<string, { status: string; code?: string; message?: string; prompt: string }>();
    await waitFor(
      async () => {
        for (const id of ids) {
          if (TERMINAL.has(jobs.get(id)?.status ?? '')) continue;
          const response = await call(`/v1/jobs/${id}`).catch(() => undefined);
          if (response?.status !== 200) continue;
          const job = (await response.json()) as { status: string; prompt: string; error: { code: string; message: string } | null };
          jobs.set(id, { status: job.status, code: job.error?.code, message: job.error?.message, prompt: job.prompt });
        }
        return ids.every((id) => TERMINAL.has(jobs.get(id)?.status ?? '')) ? true : undefined;
      },
      { timeoutMs: 300_000, intervalMs: 1_000, describe: () => `jobs not terminal: ${ids.filter((id) => !TERMINAL.has(jobs.get(id)?.status ?? '')).length}` },
    ).catch((error: Error) => note(error.message));
    note('every job terminal (or the wait ended)');
    // Terminal webhooks may need their first retry (5 s) after the receiver outage.
    await waitFor(() => (ids.every((id) => receiver.deliveries.some((d) => d.jobId === id && d.type !== 'video.in_progress')) ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 500,
      describe: () => 'terminal webhooks missing',
    }).catch(() => note('waited 60 s for terminal webhooks'));

    // The provider's own record: every video it made, by prompt.
    const madeByPrompt = new Map<string, number>();
    for (let after: string | undefined, page = 0; page < 100; page++) {
      const query = new URLSearchParams({ limit: '100', ...(after ? { after } : {}) });
      const list = (await (await fetch(`${fake.baseUrl}/videos?${query}`, { headers: { authorization: `Bearer ${FAKE_KEY}` } })).json()) as { data: Array<{ id: string; prompt: string }>; has_more: boolean };
      for (const video of list.data) madeByPrompt.set(video.prompt, (madeByPrompt.get(video.prompt) ?? 0) + 1);
      if (!list.has_more) break;
      after = list.data.at(-1)!.id;
    }

    const byJob = (id: string) => receiver.deliveries.filter((d) => d.jobId === id);
    const figures = {
      submitted: JOBS,
      accepted: ids.length,
      lost: ids.filter((id) => !jobs.has(id)).length,
      stuck: ids.filter((id) => jobs.has(id) && !TERMINAL.has(jobs.get(id)!.status)).length,
      completed: ids.filter((id) => jobs.get(id)?.status === 'completed').length,
      failed: Object.fromEntries([...new Set(ids.map((id) => jobs.get(id)?.code).filter(Boolean))].map((code) => [code, ids.filter((id) => jobs.get(id)?.code === code).length])),
      paidTwice: submitted.filter((s) => (madeByPrompt.get(s.prompt) ?? 0) > 1).length,
      paidAndAbandoned: ids.filter((id) => jobs.get(id)?.status !== 'completed' && (madeByPrompt.get(jobs.get(id)?.prompt ?? '') ?? 0) > 0).length,
      createsAtProvider: fake.stats().creates,
      terminalWebhookMissing: ids.filter((id) => !byJob(id).some((d) => d.type !== 'video.in_progress')).length,
      webhooksUnverified: receiver.deliveries.filter((d) => !d.verified).length,
      outOfOrder: ids.filter((id) => {
        const types = byJob(id).map((d) => d.type);
        const firstTerminal = types.findIndex((type) => type !== 'video.in_progress');
        return firstTerminal >= 0 && types.slice(firstTerminal).includes('video.in_progress');
      }).length,
    };
    console.log(`chaos: ${JOBS} jobs, ${KILLS}-kill storm, 2 workers, Node ${process.version}, loopback; ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const line of events) console.log(`  ${line}`);
    // One message per failure code, so a figure can be read with its cause.
    for (const code of Object.keys(figures.failed)) console.log(`  a ${code} job said: ${[...jobs.values()].find((job) => job.code === code)?.message}`);
    console.log(JSON.stringify(figures, null, 2));
    const bad = figures.lost + figures.stuck + figures.paidTwice + figures.paidAndAbandoned + figures.terminalWebhookMissing + figures.webhooksUnverified + figures.outOfOrder + (figures.failed.storage_error ?? 0);
    if (bad > 0 || figures.accepted !== JOBS) {
      console.log('chaos: FAILED (see the figures above)');
      process.exitCode = 1;
    } else {
      console.log('chaos: 0 lost, 0 stuck, 0 paid twice, 0 paid and abandoned, every terminal event delivered, verified and in order');
    }
  } finally {
    await Promise.all([api.stop(), ...workers.map((worker) => worker.stop())]);
    await fake.close();
    await receiver.down();
    await s3.stop();
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  console.error('chaos failed to run:', error);
  process.exit(1);
});
