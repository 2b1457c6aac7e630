import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { enqueueVideoStep, isTerminal, storeJobId, type JobRecord, type VideoJobPayload } from '@reelay/jobs';
import { settleTerminal } from './settle-terminal';
import type { VideoJobContext } from './video-job-context';

export interface SweeperOptions {
  /** How often one of the workers checks every unfinished job. */
  intervalMs: number;
  /** Jobs younger than this are left alone: their next step may simply not have run yet. */
  graceMs: number;
  /** Key prefix of the lock that lets one worker sweep per interval. */
  prefix: string;
}

export const DEFAULT_SWEEPER_OPTIONS: Omit<SweeperOptions, 'prefix'> = { intervalMs: 5 * 60_000, graceMs: 2 * 60_000 };

const PAGE = 500;
/** BullMQ states in which a job's entry will still run. */
const PENDING_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

export interface SweepReport {
  checked: number;
  recovered: { jobId: string; what: string }[];
}

/**
 * Finds unfinished jobs whose next step will never run and puts that step back in line:
 * a job the api recorded but never queued (it stopped in between), a task missing from its
 * poll set, a finished video with no upload queued, a terminal job whose webhook and
 * upstream cancel never ran. Nothing is resubmitted: a job at `submitting` goes back to its
 * BullMQ entry, which fails it as `upstream_unknown`.
 */
export class JobSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly ctx: VideoJobContext,
    private readonly redis: Redis,
    /** Each provider's queue, by provider. */
    private readonly queues: ReadonlyMap<string, Queue<VideoJobPayload>>,
    private readonly options: SweeperOptions,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.sweepIfFirst().finally(() => (this.running = undefined));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One worker a round: the others find the lock taken. */
  private async sweepIfFirst(): Promise<void> {
    try {
      const won = await this.redis.set(`${this.options.prefix}:sweeper-lock`, String(process.pid), 'PX', this.options.intervalMs - 1_000, 'NX');
      if (won !== 'OK') return;
      const report = await this.sweep();
      if (report.recovered.length > 0) this.ctx.logger.warn({ recovered: report.recovered, checked: report.checked }, 'sweeper put lost job steps back in line');
    } catch (error) {
      this.ctx.logger.error({ err: (error as Error).message }, 'sweep failed; trying again next round');
    }
  }

  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { checked: 0, recovered: [] };
    const createdBefore = this.ctx.now() - this.options.graceMs;
    for (let offset = 0; ; offset += PAGE) {
      const ids = await this.ctx.store.activeIds(createdBefore, { offset, limit: PAGE });
      const records = await this.ctx.store.getMany(ids);
      for (const [i, id] of ids.entries()) {
        report.checked++;
        const what = await this.check(id, records[i]);
        if (what) report.recovered.push({ jobId: id, what });
      }
      if (ids.length < PAGE) return report;
    }
  }

  /** Returns what was put back, if anything. */
  private async check(jobId: string, record: JobRecord | undefined): Promise<string | undefined> {
    if (!record) {
      await this.ctx.store.forgetActive(jobId);
      return undefined;
    }
    if (isTerminal(record.status)) {
      await this.ctx.store.forgetActive(jobId);
      if (record.step === 'done') return undefined;
      await settleTerminal(this.ctx, record);
      return `ran the ${record.status} job's webhook and upstream cancel`;
    }
    const queue = this.queues.get(record.provider);
    if (!queue) return undefined; // its provider left the config; nothing here can run it
    const lane = queue.name;
    switch (record.step) {
      case 'submit':
      case 'submitting':
        return (await this.ensureQueued(queue, jobId, jobId)) ? 'queued its submit step again' : undefined;
      case 'poll':
        if ((await this.ctx.polls.dueAt(lane, jobId)) !== undefined) return undefined;
        await this.ctx.polls.watch(lane, jobId, this.ctx.now());
        return 'put its upstream task back in the poll set';
      case 'store':
        return (await this.ensureQueued(queue, jobId, storeJobId(jobId))) ? 'queued its upload again' : undefined;
      case 'done':
        return undefined;
    }
  }

  /** True when the BullMQ entry was missing or finished, and has been added again. */
  private async ensureQueued(queue: Queue<VideoJobPayload>, jobId: string, entryId: string): Promise<boolean> {
    const entry = await queue.getJob(entryId);
    if (entry && PENDING_STATES.has(await entry.getState())) return false;
    await entry?.remove();
    await enqueueVideoStep(queue, jobId, entryId);
    return true;
  }
}
