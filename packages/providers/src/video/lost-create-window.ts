import type { LostCreate } from '../contract/video-model';
import type { UpstreamCall } from '../http/call-upstream';
import type { UpstreamFetch } from '../http/upstream-fetch';

/** Task creation times and our clock may disagree by this much. */
const CLOCK_SKEW_MS = 10_000;

/** The unix-second window in which a lost create's task was made at the vendor, clock skew allowed. */
export function lostCreateWindow(lost: LostCreate): { start: number; end: number; contains(createdAt: number): boolean; describe(): string } {
  const start = Math.floor((lost.sentAfterMs - CLOCK_SKEW_MS) / 1000);
  const end = Math.ceil((lost.sentBeforeMs + CLOCK_SKEW_MS) / 1000);
  return {
    start,
    end,
    contains: (createdAt) => createdAt >= start && createdAt <= end,
    describe: () => `created between ${new Date(start * 1000).toISOString()} and ${new Date(end * 1000).toISOString()}`,
  };
}


/** What a vendor's task-list search needs: how to call the list, for which model, and the lost create. */
export interface TaskListSearchInput {
  fetch: UpstreamFetch;
  /** The list endpoint (`…/tasks`). */
  tasksUrl: string;
  headers: Record<string, string>;
  model: string;
  lost: LostCreate;
  describeFailure: UpstreamCall['describeFailure'];
}
