import type { JobRecord } from './job-record';

export interface PublicOutput {
  url: string;
  /** When `url` stops working (presigned); fetch the job again for a fresh one. */
  url_expires_at: number;
  content_type: string;
  bytes: number;
  sha256: string;
}

/** The job object clients see: OpenAI's Video object plus our output and warnings. */
export interface PublicVideo {
  id: string;
  object: 'video';
  status: JobRecord['status'];
  progress: number;
  model: string;
  prompt: string;
  seconds: string | null;
  size: string | null;
  aspect_ratio?: string;
  resolution?: string;
  created_at: number;
  completed_at: number | null;
  /** Stored outputs do not expire; OpenAI clients read this field, so it is present. */
  expires_at: number | null;
  remixed_from_video_id: null;
  error: { code: string; message: string } | null;
  metadata: Record<string, string> | null;
  output: PublicOutput | null;
  warnings: string[];
  /** Where the job ran: which deployment and which upstream task, so a failure says where it happened. */
  routing: PublicRouting | null;
}

export interface PublicRouting {
  provider: string;
  /** `model_info.id` of the deployment (or its stable hash); null while the job waits for capacity. */
  deployment_id: string | null;
  /** The provider's task / operation id, once the create succeeded. */
  upstream_id: string | null;
  /** Create attempts so far. */
  attempts: number;
  /** Deployments the router left out, and why. */
  excluded: Array<{ id: string; reason: string }>;
}

export function toPublicVideo(record: JobRecord, output?: { url: string; urlExpiresAt: number }): PublicVideo {
  const { request } = record;
  return {
    id: record.id,
    object: 'video',
    status: record.status,
    progress: record.progress,
    model: record.model,
    prompt: request.prompt,
    seconds: request.seconds === undefined ? null : String(request.seconds),
    size: request.size ?? null,
    ...(request.aspectRatio ? { aspect_ratio: request.aspectRatio } : {}),
    ...(request.resolution ? { resolution: request.resolution } : {}),
    created_at: record.createdAt,
    completed_at: record.completedAt,
    expires_at: null,
    remixed_from_video_id: null,
    error: record.error,
    metadata: record.metadata,
    output:
      record.output && output
        ? {
            url: output.url,
            url_expires_at: output.urlExpiresAt,
            content_type: record.output.contentType,
            bytes: record.output.bytes,
            sha256: record.output.sha256,
          }
        : null,
    warnings: record.warnings,
    routing: record.routing
      ? {
          provider: record.routing.provider ?? record.provider,
          deployment_id: record.deploymentId,
          upstream_id: record.upstreamId,
          attempts: record.attempt,
          excluded: record.routing?.excluded ?? [],
        }
      : null,
  };
}
