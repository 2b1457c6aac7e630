import { z } from 'zod';
import { JOB_STATUSES, JOB_STEPS } from './job-state';

/**
 * Failures that are reelay's own, not a vendor's: the upload to S3 gave up, or a bug. A job's
 * error code is one of these or one of @reelay/providers' UpstreamErrorCode.
 */
export const JOB_OWN_ERROR_CODES = ['storage_error', 'internal_error'] as const;
export type JobOwnErrorCode = (typeof JOB_OWN_ERROR_CODES)[number];

/** The code is stored as written: records from older versions may carry codes since renamed. */
export const jobErrorSchema = z.object({ code: z.string(), message: z.string() });
export type JobError = z.infer<typeof jobErrorSchema>;

export const storedOutputSchema = z.object({
  key: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  contentType: z.string(),
});
export type StoredOutput = z.infer<typeof storedOutputSchema>;

/** What the client asked for, in our provider-neutral names. */
export const videoRequestSchema = z.object({
  prompt: z.string(),
  seconds: z.number().optional(),
  size: z.string().optional(),
  aspectRatio: z.string().optional(),
  resolution: z.string().optional(),
  negativePrompt: z.string().optional(),
  seed: z.number().optional(),
  image: z.string().optional(),
  generateAudio: z.boolean().optional(),
  providerOptions: z.record(z.string(), z.unknown()).optional(),
});

/** Where the router sent the job and what it left out, so a failure says where it happened. */
export const routingDecisionSchema = z.object({
  /** Null while the job waits for capacity (then `excluded` says why). */
  deploymentId: z.string().nullable(),
  /** The deployment's provider; a group may mix providers, so the queue's is not enough. */
  provider: z.string().optional(),
  tier: z.number().optional(),
  excluded: z.array(z.object({ id: z.string(), reason: z.string() })),
});

export const jobRecordSchema = z.object({
  id: z.string(),
  /** Hash of the API key that created the job: a key only sees its own jobs. */
  owner: z.string(),
  /** The model group the client asked for. */
  model: z.string(),
  /** Provider family whose queue carries the job. */
  provider: z.string(),
  request: videoRequestSchema,
  callbackUrl: z.string().nullable(),
  metadata: z.record(z.string(), z.string()).nullable(),
  status: z.enum(JOB_STATUSES),
  progress: z.number(),
  /** Unix seconds, like OpenAI's objects. */
  createdAt: z.number(),
  completedAt: z.number().nullable(),
  error: jobErrorSchema.nullable(),
  output: storedOutputSchema.nullable(),
  warnings: z.array(z.string()),

  step: z.enum(JOB_STEPS),
  deploymentId: z.string().nullable(),
  routing: routingDecisionSchema.nullable(),
  /** Create attempts so far (failover increments it). */
  attempt: z.number(),
  upstreamId: z.string().nullable(),
  /** What the adapter needs to open the finished video (from its completed poll). */
  resultRef: z.string().nullable(),
  /** Epoch ms when the paid create was started; set before the call. */
  submitStartedAt: z.number().nullable(),
  /** Status calls made, as last written (writes happen when progress changes, and at the end). */
  pollCount: z.number(),
  /** Epoch ms after which polling stops and the job expires. */
  deadlineAt: z.number().nullable(),
  /** Epoch ms until which the vendor keeps the finished video: the store step tries until then. */
  resultExpiresAt: z.number().nullable().default(null),
  /** Store attempts that failed (S3 or the download unreachable); the backoff grows with it. */
  storeAttempts: z.number().default(0),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;
export type VideoRequestRecord = z.infer<typeof videoRequestSchema>;

export interface NewJobInput {
  id: string;
  owner: string;
  model: string;
  provider: string;
  request: VideoRequestRecord;
  callbackUrl: string | null;
  metadata: Record<string, string> | null;
  warnings: string[];
  now: number;
}

export function newJobRecord(input: NewJobInput): JobRecord {
  return {
    id: input.id,
    owner: input.owner,
    model: input.model,
    provider: input.provider,
    request: input.request,
    callbackUrl: input.callbackUrl,
    metadata: input.metadata,
    status: 'queued',
    progress: 0,
    createdAt: Math.floor(input.now / 1000),
    completedAt: null,
    error: null,
    output: null,
    warnings: input.warnings,
    step: 'submit',
    deploymentId: null,
    routing: null,
    attempt: 0,
    upstreamId: null,
    resultRef: null,
    submitStartedAt: null,
    pollCount: 0,
    deadlineAt: null,
    resultExpiresAt: null,
    storeAttempts: 0,
  };
}
