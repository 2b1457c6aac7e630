/**
 * @reelay/jobs: the video job record and its state machine, the Redis job store,
 * idempotency keys, queue names and the typed queue catalog.
 */
export {
  JOB_STATUSES,
  JOB_STEPS,
  TERMINAL_STATUSES,
  canTransition,
  isTerminal,
  statusesAllowing,
  type JobStatus,
  type JobStep,
} from './job-state';
export {
  JOB_OWN_ERROR_CODES,
  jobRecordSchema,
  newJobRecord,
  videoRequestSchema,
  type JobError,
  type JobOwnErrorCode,
  type JobRecord,
  type NewJobInput,
  type StoredOutput,
  type VideoRequestRecord,
} from './job-record';
export { JobStore, type JobPage, type JobPatch, type JobStoreOptions, type UpdateResult } from './job-store';
export { PollSet, type ClaimedPolls } from './poll-set';
export { COMPLETION_SAMPLES_KEPT, COMPLETION_SAMPLES_NEEDED, CompletionTimes, expectedCompletionMs } from './completion-times';
export { COUNTER_NAMES, CounterBuffer, CounterStore, type CounterName, type CounterSample } from './counters';
export { IdempotencyStore, fingerprintOf, type IdempotencyClaim } from './idempotency';
export { newJobId, ownerOf } from './job-ids';
export {
  WEBHOOK_BACKOFF_TYPE,
  WEBHOOK_QUEUE_NAME,
  enqueueVideoStep,
  queueCatalog,
  storeJobId,
  videoJobPayloadSchema,
  videoQueueName,
  webhookJobPayloadSchema,
  type VideoJobPayload,
  type WebhookJobPayload,
} from './queue-catalog';
export { toPublicVideo, type PublicOutput, type PublicRouting, type PublicVideo } from './public-video';
