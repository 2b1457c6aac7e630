import { z } from 'zod';
import { videoParamsShape } from '@reelay/providers/catalog';

/**
 * The parts of a LiteLLM config reelay reads, validated once after `os.environ/` references are
 * resolved. Objects are loose: every other key is kept (LiteLLM has hundreds) and only warned
 * about by `warnUnknownKeys`. YAML `null` (an empty section or value) counts as absent.
 */

/** Values from `os.environ/` are strings, so numeric strings count as numbers. */
function numericStringToNumber(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return value;
}

const number = (schema: z.ZodNumber) => z.preprocess(numericStringToNumber, schema).nullish();
const wholeCount = number(z.number().int().nonnegative());
const nonNegative = number(z.number().nonnegative());
const positiveSeconds = number(z.number().positive());
const text = z.string().nullish();
/** YAML booleans, and the strings "true"/"false" that env-substituted values arrive as. */
const flag = z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean({ error: 'must be true or false' })).nullish();

const fallbackTargets = z.union([z.string().transform((name) => [name]), z.array(z.string())]);

/** LiteLLM writes fallbacks as `[{"gpt-4": ["gpt-3.5"]}]`; a plain map is accepted too. */
export const fallbacksSchema = z
  .union([z.array(z.record(z.string(), fallbackTargets)), z.record(z.string(), fallbackTargets)], {
    error: 'must be a list like [{"gpt-4": ["gpt-3.5-turbo"]}]',
  })
  .nullish();

export const litellmParamsSchema = z.looseObject({
  model: z.string().min(1),
  api_key: text,
  api_base: text,
  custom_llm_provider: text,
  weight: nonNegative,
  order: wholeCount,
  rpm: nonNegative,
  tpm: nonNegative,
  max_parallel_requests: number(z.number().int().positive()),
  /** Seconds a call may take (text: the whole non-streamed answer). */
  timeout: positiveSeconds,
  /** Seconds a streamed answer may take to its first content. */
  stream_timeout: positiveSeconds,
  drop_params: flag,
  extra_headers: z.record(z.string(), z.string(), { error: 'must be a map of header name to string value' }).nullish(),
  /** Vertex AI: the Google Cloud project and region (`us-east5`, `global`) of the calls. */
  vertex_project: text,
  vertex_location: text,
  /** Vertex AI: a service-account key as JSON text or a file path (LiteLLM also takes the key as a mapping). */
  vertex_credentials: z.union([z.string(), z.record(z.string(), z.unknown())], { error: 'must be the key JSON as text, a path to the .json file, or a mapping' }).nullish(),
  /** reelay's own video keys (poll_*_seconds, job_timeout_seconds): the video code owns them. */
  ...videoParamsShape,
});

export const modelEntrySchema = z.looseObject({
  model_name: z.string().min(1),
  litellm_params: litellmParamsSchema,
  model_info: z
    .looseObject({
      id: z.union([z.string().min(1), z.number().transform(String)], { error: 'must be a string' }).nullish(),
      /** Checked against LiteLLM's mode names when the deployment is built, to name the allowed values. */
      mode: text,
    })
    .nullish(),
});

export const routerSettingsSchema = z.looseObject({
  routing_strategy: text,
  allowed_fails: wholeCount,
  cooldown_time: nonNegative,
  num_retries: wholeCount,
  default_max_parallel_requests: number(z.number().int().positive()),
  timeout: positiveSeconds,
  stream_timeout: positiveSeconds,
  fallbacks: fallbacksSchema,
  /** reelay's own: provider → most status calls per second, across all workers. */
  status_calls_per_second: z
    .record(z.string(), z.preprocess(numericStringToNumber, z.number().positive()))
    .nullish(),
});

export const litellmSettingsSchema = z.looseObject({
  master_key: text,
  num_retries: wholeCount,
  allowed_fails: wholeCount,
  request_timeout: positiveSeconds,
  drop_params: flag,
  fallbacks: fallbacksSchema,
});

export const generalSettingsSchema = z.looseObject({
  master_key: text,
  max_parallel_requests: number(z.number().int().positive()),
});

export const configSchema = z.looseObject({
  model_list: z.array(modelEntrySchema),
  router_settings: routerSettingsSchema.nullish(),
  litellm_settings: litellmSettingsSchema.nullish(),
  general_settings: generalSettingsSchema.nullish(),
});

export type LiteLLMConfig = z.infer<typeof configSchema>;
export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type LiteLLMParams = z.infer<typeof litellmParamsSchema>;
export type Fallbacks = z.infer<typeof fallbacksSchema>;
