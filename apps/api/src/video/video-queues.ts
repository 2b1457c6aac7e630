import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { PollSet, enqueueVideoStep, videoQueueName, type VideoJobPayload } from '@reelay/jobs';

/** One BullMQ queue per provider, created on first use. */
export class VideoQueues {
  private readonly queues = new Map<string, Queue<VideoJobPayload>>();

  private readonly polls: PollSet;

  constructor(
    private readonly connection: Redis,
    options: { prefix?: string } = {},
  ) {
    this.polls = new PollSet(connection, options);
  }

  forProvider(provider: string): Queue<VideoJobPayload> {
    let queue = this.queues.get(provider);
    if (!queue) {
      queue = new Queue<VideoJobPayload>(videoQueueName(provider), { connection: this.connection });
      this.queues.set(provider, queue);
    }
    return queue;
  }

  async enqueue(provider: string, jobId: string): Promise<void> {
    await enqueueVideoStep(this.forProvider(provider), jobId);
  }

  /**
   * Wakes a job now (after a cancel), so the worker settles it (upstream cancel, webhook)
   * without waiting for its next status call: a task being polled falls due at once, a job
   * waiting for capacity is promoted, and a job whose queue entry is gone is added again.
   */
  async wake(provider: string, jobId: string): Promise<void> {
    const queue = this.forProvider(provider);
    // The job's provider is the one whose lane holds its task: a watched task is settled by that lane's pollers.
    if (await this.polls.wake(queue.name, jobId)) return;
    const job = await queue.getJob(jobId);
    if (!job) return this.enqueue(provider, jobId);
    if (await job.isDelayed()) await job.promote().catch(() => undefined); // it may have just woken by itself
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
