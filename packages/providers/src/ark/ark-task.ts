import { z } from 'zod';
import type { PollResult } from '../contract/video-model';
import { arkTaskErrorCode } from './ark-errors';

/** Create answers only `{"id":"cgt-…"}`. */
export const arkCreatedTask = z.object({ id: z.string().min(1) });

/** Lenient: the task object has many more fields (seed, ratio, usage, …); we read only these. */
export const arkTask = z.object({
  id: z.string().nullish(),
  status: z.string(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  content: z.object({ video_url: z.string().nullish() }).nullish(),
});

export type ArkTask = z.infer<typeof arkTask>;

/**
 * Ark's task states (queued, running, succeeded, failed, expired, cancelled; newer docs also
 * mention creating) as ours. An unknown state is treated as still running: the poll
 * deadline ends a task that never settles.
 */
export function pollResultForTask(task: ArkTask, label: string): PollResult {
  switch (task.status) {
    case 'queued':
    case 'creating':
      return { status: 'queued' };
    case 'succeeded': {
      const url = task.content?.video_url;
      if (url) return { status: 'completed', resultRef: url };
      return { status: 'failed', error: { code: 'upstream_error', message: `${label} reported the task as succeeded without a video_url.` } };
    }
    case 'failed': {
      const code = task.error?.code ?? undefined;
      const message = task.error?.message ?? `${label} reported the task as failed without a message.`;
      return { status: 'failed', error: { code: arkTaskErrorCode(code), message: code ? `${message} (${code})` : message } };
    }
    case 'expired':
      return {
        status: 'failed',
        error: { code: 'expired', message: `${label} expired the task: it did not finish within its execution_expires_after window.` },
      };
    case 'cancelled':
      return { status: 'failed', error: { code: 'upstream_error', message: `The task was cancelled at the provider (${label}).` } };
    default:
      return { status: 'in_progress' };
  }
}
