/** Client-visible statuses, with OpenAI's names. */
export const JOB_STATUSES = ['queued', 'in_progress', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'cancelled']);

/**
 * Which status may follow which. Nothing leaves a terminal status, so a late poll
 * result can never revive a cancelled job or overwrite a failure.
 */
const TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  queued: ['queued', 'in_progress', 'failed', 'cancelled'],
  in_progress: ['in_progress', 'completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses a job may be in for a move to `to` (or for any non-terminal update). */
export function statusesAllowing(to?: JobStatus): JobStatus[] {
  if (to === undefined) return JOB_STATUSES.filter((status) => !isTerminal(status));
  return JOB_STATUSES.filter((from) => canTransition(from, to));
}

/** Internal steps of a video job; the record is the truth the worker resumes from. */
export const JOB_STEPS = ['submit', 'submitting', 'poll', 'store', 'done'] as const;
export type JobStep = (typeof JOB_STEPS)[number];
