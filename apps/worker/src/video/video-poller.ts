import type { Queue } from 'bullmq';
import { enqueueVideoStep, isTerminal, storeJobId, type JobRecord, type VideoJobPayload } from '@reelay/jobs';
import { pollStep } from './poll-step';
import { settleTerminal } from './settle-terminal';
import { taskLane } from './task-lane';
import type { StepOutcome, VideoJobContext } from './video-job-context';

export interface PollerOptions {
  /** Status calls this process keeps in flight for the lane. */
  concurrency: number;
  /**
   * How long a claimed task stays away from other workers. The worker renews the claims of its
   * running status calls every third of it, so a live worker's slow call is never polled twice,
   * while a dead worker's tasks fall due again within this long.
   */
  claimMs: number;
  /** Most tasks claimed per Redis call. */
  batchSize: number;
  /** Longest sleep between claims when nothing is due (new tasks show up within this). */
  idleMs: number;
  /**
   * Shortest sleep between claims that came back short. Tasks due within it wait for the
   * next claim, so each Redis call carries a batch instead of one task.
   */
  tickMs: number;
  /**
   * The most status calls all workers together start on this lane per second (the vendor's
   * documented limit, or router_settings.status_calls_per_second); undefined = no cap of
   * our own, a 429 still pauses the lane.
   */
  statusCallsPerSecond?: number;
}

export const DEFAULT_POLLER_OPTIONS: PollerOptions = { concurrency: 100, claimMs: 5_000, batchSize: 100, idleMs: 500, tickMs: 50 };

/** After an unexpected error (Redis away, a bug), the task is tried again this much later. */
const RETRY_AFTER_ERROR_MS = 15_000;

/**
 * Polls the upstream tasks of one lane (a provider's queue): claims those due from the
 * PollSet, makes one status call each, and sets the next one. A finished video goes back
 * to BullMQ for the store step, which has retries and a lock for long uploads.
 */
export class VideoPoller {
  private inFlight = 0;
  private stopped = false;
  private waitingForSlots = false;
  private readonly running = new Set<Promise<unknown>>();
  /** Next status calls not yet written: the loop writes them in one command per turn. */
  private readonly dueTimes = new Map<string, number>();
  private wakeUp: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  /** Tasks whose status calls this process is making: their claims are renewed until done. */
  private readonly claimed = new Set<string>();
  private renewTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: VideoJobContext,
    private readonly queue: Queue<VideoJobPayload>,
    private readonly options: PollerOptions = DEFAULT_POLLER_OPTIONS,
  ) {}

  private get lane(): string {
    return this.queue.name;
  }

  start(): void {
    this.loopDone ??= this.loop();
    this.renewTimer ??= setInterval(() => void this.renewClaims(), Math.max(100, Math.floor(this.options.claimMs / 3)));
    this.renewTimer.unref();
  }

  /** Stops claiming and waits for the status calls under way; unclaimed tasks wait in Redis. */
  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.renewTimer);
    this.wakeUp?.();
    await this.loopDone;
    await Promise.all(this.running);
    await this.flushDueTimes();
  }

  private async loop(): Promise<void> {
    const { batchSize, claimMs, concurrency, idleMs, tickMs } = this.options;
    while (!this.stopped) {
      await this.flushDueTimes();
      const free = concurrency - this.inFlight;
      if (free < Math.min(batchSize, Math.ceil(concurrency / 4))) {
        this.waitingForSlots = true; // finishing status calls wake the loop once enough are free
        await this.sleep(idleMs);
        this.waitingForSlots = false;
        continue;
      }
      const max = Math.min(free, batchSize);
      let claimed;
      try {
        claimed = await this.ctx.polls.claimDue(this.lane, { now: this.ctx.now(), max, claimMs, perSecond: this.options.statusCallsPerSecond });
      } catch (error) {
        this.ctx.logger.error({ lane: this.lane, err: (error as Error).message }, 'could not claim due status calls; retrying');
        await this.sleep(1_000);
        continue;
      }
      if (claimed.pausedForMs > 0) {
        await this.sleep(Math.min(claimed.pausedForMs, idleMs));
        continue;
      }
      if (claimed.jobIds.length > 0) this.dispatch(claimed.jobIds);
      if (claimed.jobIds.length === max) continue; // more may be due
      const untilNext = claimed.nextDueAt === undefined ? idleMs : claimed.nextDueAt - this.ctx.now();
      await this.sleep(Math.max(tickMs, Math.min(untilNext, idleMs)));
    }
  }

  private async flushDueTimes(): Promise<void> {
    if (this.dueTimes.size === 0) return;
    const due = new Map(this.dueTimes);
    this.dueTimes.clear();
    try {
      await this.ctx.polls.reschedule(this.lane, due);
    } catch (error) {
      // Their claims run out instead, and the tasks fall due again then.
      this.ctx.logger.error({ lane: this.lane, tasks: due.size, err: (error as Error).message }, 'could not write next status call times');
    }
  }

  private setDue(jobId: string, dueAt: number): void {
    this.dueTimes.set(jobId, dueAt);
  }

  private dispatch(jobIds: string[]): void {
    this.inFlight += jobIds.length;
    for (const id of jobIds) this.claimed.add(id);
    const batch: Promise<unknown> = this.ctx.store.getMany(jobIds).then(
      (records) => Promise.all(jobIds.map((id, i) => this.track(this.pollGuarded(id, records[i])))),
      (error: Error) => {
        this.ctx.logger.error({ lane: this.lane, err: error.message }, 'could not read job records; their status calls wait');
        for (const id of jobIds) {
          this.claimed.delete(id);
          this.retryLater(id);
        }
        this.inFlight -= jobIds.length;
      },
    );
    // close() waits for the batch too, not only for calls already started.
    this.running.add(batch);
    void batch.finally(() => this.running.delete(batch));
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work.finally(() => {
      this.running.delete(tracked);
      this.inFlight--;
      if (this.waitingForSlots) this.wakeUp?.();
    });
    this.running.add(tracked);
    return tracked;
  }

  private async pollGuarded(jobId: string, record: JobRecord | undefined): Promise<void> {
    try {
      await this.pollOne(jobId, record);
    } catch (error) {
      this.ctx.logger.error({ jobId, lane: this.lane, err: (error as Error).message }, 'status call failed unexpectedly; trying again later');
      this.retryLater(jobId);
    } finally {
      this.claimed.delete(jobId);
    }
  }

  private async renewClaims(): Promise<void> {
    if (this.claimed.size === 0) return;
    try {
      await this.ctx.polls.extendClaims(this.lane, [...this.claimed], this.ctx.now() + this.options.claimMs);
    } catch (error) {
      // The claims then run out, and another worker may make one status call twice: harmless.
      this.ctx.logger.warn({ lane: this.lane, tasks: this.claimed.size, err: (error as Error).message }, 'could not renew status-call claims');
    }
  }

  private retryLater(jobId: string): void {
    this.setDue(jobId, this.ctx.now() + RETRY_AFTER_ERROR_MS);
  }

  private async pollOne(jobId: string, record: JobRecord | undefined): Promise<void> {
    if (!record) return this.ctx.polls.unwatch(this.lane, jobId); // expired or deleted
    if (isTerminal(record.status)) {
      // Cancelled (the api woke it) or finished elsewhere: run what is left, then stop watching.
      await settleTerminal(this.ctx, record);
      return this.ctx.polls.unwatch(this.lane, jobId);
    }
    if (record.step === 'store') return this.handOffToStore(jobId); // a crash came between the two
    if (record.step !== 'poll') return this.ctx.polls.unwatch(this.lane, jobId); // its BullMQ entry runs it
    const target = taskLane(this.ctx, record);
    if (target !== undefined && target.lane !== this.lane) {
      // A job recorded before its lane followed its route: its provider and its lane move together.
      if (record.provider !== target.provider) await this.ctx.store.update(jobId, { provider: target.provider });
      return this.moveToLane(jobId, target.lane);
    }
    await this.apply(jobId, await pollStep(this.ctx, record));
  }

  private async apply(jobId: string, outcome: StepOutcome): Promise<void> {
    switch (outcome.kind) {
      case 'poll':
      case 'wait':
        return this.setDue(jobId, this.ctx.now() + outcome.delayMs);
      case 'watch':
        return this.moveToLane(jobId, outcome.lane, outcome.delayMs);
      case 'store':
        return this.handOffToStore(jobId);
      case 'rate_limited':
        // The 429 is provider-wide: no status calls from any worker, and no creates, until it passes.
        await this.ctx.polls.pause(this.lane, outcome.delayMs);
        await this.queue.rateLimit(outcome.delayMs);
        return this.setDue(jobId, this.ctx.now() + outcome.delayMs);
      case 'done':
        return this.ctx.polls.unwatch(this.lane, jobId);
    }
  }

  /** A task moves to the lane of the provider that holds it, whose pauses and caps apply to it. */
  private async moveToLane(jobId: string, lane: string, delayMs = 0): Promise<void> {
    this.dueTimes.delete(jobId);
    await this.ctx.polls.watch(lane, jobId, this.ctx.now() + delayMs);
    await this.ctx.polls.unwatch(this.lane, jobId);
  }

  /** Adding first and unwatching second means a crash in between repeats the add, which BullMQ ignores. */
  private async handOffToStore(jobId: string): Promise<void> {
    this.dueTimes.delete(jobId);
    await enqueueVideoStep(this.queue, jobId, storeJobId(jobId));
    await this.ctx.polls.unwatch(this.lane, jobId);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = () => done();
      this.wakeUp = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
