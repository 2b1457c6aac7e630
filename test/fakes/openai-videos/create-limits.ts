import type { FakeState } from './fake-state';
import { OpenAIHttpError, rateLimited, serverError } from './openai-error';
import { runningUntil } from './video-jobs';

/** The provider's rpm window, counted where the create arrives (at the fake). */
export const RPM_WINDOW_MS = 60_000;

/** Limits the fake enforces the way a provider does: every excess create is a 429 and a violation. */
export interface CreateLimits {
  /** Creates accepted per sliding 60 s window. */
  rpmLimit?: number;
  /** Jobs created and not yet finished (completed or failed) at the fake's clock. */
  maxInFlight?: number;
}

/**
 * Runs before a create makes a job: the scripted outage (setCreateFailure) first, since a
 * deployment that is down counts nothing; then the rpm window, then the in-flight cap.
 * Throws the provider's answer; a refusal by a limit is counted as a violation.
 */
export function checkCreateAllowed(state: FakeState, arrivedAtMs: number): void {
  if (state.createFailure !== null) throw scriptedFailure(state, state.createFailure);
  const { rpmLimit, maxInFlight } = state.limits;
  if (rpmLimit !== undefined) {
    const inWindow = createsInWindow(state.stats.createTimes, arrivedAtMs);
    if (inWindow.count >= rpmLimit) {
      state.stats.violations.rpm += 1;
      const retryAfterMs = (inWindow.oldest ?? arrivedAtMs) + RPM_WINDOW_MS - arrivedAtMs;
      throw rateLimited({
        message: `Rate limit reached for requests per min (RPM): Limit ${rpmLimit}, Used ${inWindow.count}, Requested 1. Please try again in ${Math.ceil(retryAfterMs / 1000)}s.`,
        retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
        headers: { 'x-ratelimit-limit-requests': String(rpmLimit), 'x-ratelimit-remaining-requests': '0' },
      });
    }
  }
  if (maxInFlight !== undefined) {
    const running = runningJobs(state, arrivedAtMs);
    if (running.count >= maxInFlight) {
      state.stats.violations.inFlight += 1;
      const retryAfterMs = (running.nextEndMs ?? arrivedAtMs) - arrivedAtMs;
      throw rateLimited({
        message: `Too many concurrent video generations: Limit ${maxInFlight}, Running ${running.count}. Please try again in ${Math.ceil(retryAfterMs / 1000)}s.`,
        retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
      });
    }
  }
}

/** Accepted creates in (now - 60 s, now], and the oldest of them (when it leaves, a slot frees). */
function createsInWindow(createTimes: readonly number[], nowMs: number): { count: number; oldest: number | undefined } {
  let count = 0;
  let oldest: number | undefined;
  for (const at of createTimes) {
    if (at <= nowMs - RPM_WINDOW_MS || at > nowMs) continue;
    count += 1;
    if (oldest === undefined || at < oldest) oldest = at;
  }
  return { count, oldest };
}

function runningJobs(state: FakeState, nowMs: number): { count: number; nextEndMs: number | undefined } {
  let count = 0;
  let nextEndMs: number | undefined;
  for (const job of state.jobs.values()) {
    const endMs = runningUntil(job, nowMs);
    if (endMs === undefined) continue;
    count += 1;
    if (nextEndMs === undefined || endMs < nextEndMs) nextEndMs = endMs;
  }
  return { count, nextEndMs };
}

function scriptedFailure(state: FakeState, status: number): OpenAIHttpError {
  state.stats.createFailures += 1;
  if (status === 429) {
    state.stats.rateLimited += 1;
    return rateLimited();
  }
  if (status === 500) {
    state.stats.serverErrors += 1;
    return serverError();
  }
  return new OpenAIHttpError(status, {
    message: `The fake was told to answer every create with ${status}.`,
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    param: null,
    code: null,
  });
}
