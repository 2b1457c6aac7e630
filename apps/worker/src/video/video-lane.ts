import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { VideoJobPayload } from '@reelay/jobs';
import { createVideoProcessor } from './video-processor';
import { VideoPoller, type PollerOptions } from './video-poller';
import type { VideoJobContext } from './video-job-context';

/**
 * One provider's lane in this process: a BullMQ worker for the submit and store steps and
 * a poller for the status calls in between. A provider-wide 429 pauses only its own lane.
 */
export interface VideoLane {
  readonly queue: Queue<VideoJobPayload>;
  readonly worker: Worker<VideoJobPayload>;
  readonly poller: VideoPoller;
  close(): Promise<void>;
}

export interface VideoLaneOptions {
  connection: ConnectionOptions;
  /** BullMQ jobs (submits, uploads) run at once. */
  concurrency: number;
  poller: PollerOptions;
}

export function startVideoLane(ctx: VideoJobContext, queueName: string, options: VideoLaneOptions): VideoLane {
  const queue = new Queue<VideoJobPayload>(queueName, { connection: options.connection });
  const worker = new Worker<VideoJobPayload>(queueName, createVideoProcessor(ctx, (ms) => queue.rateLimit(ms)), {
    connection: options.connection,
    concurrency: options.concurrency,
    // BullMQ checks a manual queue.rateLimit only when a limiter is set; this one never binds by itself.
    limiter: { max: 1_000_000, duration: 1_000 },
  });
  const poller = new VideoPoller(ctx, queue, options.poller);
  poller.start();
  return {
    queue,
    worker,
    poller,
    async close() {
      await Promise.all([worker.close(), poller.close()]);
      await queue.close();
    },
  };
}
