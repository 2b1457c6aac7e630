import { z } from 'zod';
import type { PollSchedule } from '../contract/video-model';

/** Values from `os.environ/` are strings, so numeric strings count as numbers. */
function numericStringToNumber(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return value;
}
const seconds = (schema: z.ZodNumber) => z.preprocess(numericStringToNumber, schema).nullish();

/**
 * reelay's own `litellm_params` keys for video deployments, in seconds as LiteLLM's timeouts
 * are: how often to ask the vendor for status. The registry validates them with the rest of
 * the config (so a bad value names its line); the video code turns them into a PollSchedule.
 */
export const videoParamsShape = {
  poll_initial_seconds: seconds(z.number().nonnegative()),
  poll_min_seconds: seconds(z.number().nonnegative()),
  poll_max_seconds: seconds(z.number().positive()),
  poll_elapsed_fraction: seconds(z.number().min(0).max(1)),
  job_timeout_seconds: seconds(z.number().positive()),
};

const videoParams = z.looseObject(videoParamsShape);

/**
 * A deployment's overrides of its adapter's poll schedule, from its `litellm_params` (already
 * validated at load, so a value that does not parse here is simply not an override).
 */
export function pollScheduleFromParams(params: Record<string, unknown>): Partial<PollSchedule> {
  const parsed = videoParams.safeParse(params);
  if (!parsed.success) return {};
  const ms = (value: number | null | undefined) => (value == null ? undefined : Math.round(value * 1000));
  const entries: Array<[keyof PollSchedule, number | undefined]> = [
    ['initialDelayMs', ms(parsed.data.poll_initial_seconds)],
    ['minDelayMs', ms(parsed.data.poll_min_seconds)],
    ['maxDelayMs', ms(parsed.data.poll_max_seconds)],
    ['elapsedFraction', parsed.data.poll_elapsed_fraction ?? undefined],
    ['timeoutMs', ms(parsed.data.job_timeout_seconds)],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}
