import type { Logger } from 'pino';
import { IdempotencyStore, JobStore, newJobId, newJobRecord, type JobRecord } from '@reelay/jobs';
import { canServe, cannotServeReason, checkVideoRequest, type VideoGenerationRequest } from '@reelay/providers';
import { byTier, type Deployment, type Registry } from '@reelay/registry';
import { checkOutboundUrl } from '@reelay/egress';
import { checkCallbackUrl } from '@reelay/webhooks';
import { ApiError } from '../http/api-error';
import { toVideoRequest, type CreateVideoBody } from './video-request';
import type { VideoQueues } from './video-queues';

export interface VideoJobServiceDeps {
  registry: Registry;
  store: JobStore;
  idempotency: IdempotencyStore;
  queues: VideoQueues;
  allowPrivateCallbacks: boolean;
  logger: Logger;
  now?: () => number;
}

export interface CreatedJob {
  record: JobRecord;
  /** True when an Idempotency-Key matched an earlier identical request. */
  replayed: boolean;
}

/**
 * Accepting a video job: everything that can be known without paying is checked here
 * (model, option values, callback URL), then the record is written and queued.
 * The API picks no deployment: the worker does, when it submits.
 */
export class VideoJobService {
  private readonly now: () => number;

  constructor(private readonly deps: VideoJobServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async create(owner: string, body: CreateVideoBody, idempotencyKey?: string): Promise<CreatedJob> {
    const modelName = body.model!;
    const deployments = this.videoDeployments(modelName);
    const request = toVideoRequest(body);
    this.checkImageUrl(request.image);
    const warnings = checkAgainstDeployments(modelName, deployments, request);
    const callbackUrl = this.checkedCallbackUrl(body.callback_url);

    const id = newJobId();
    if (idempotencyKey !== undefined) {
      const claim = await this.deps.idempotency.claim(owner, idempotencyKey, body, id);
      if (claim.kind === 'replay') {
        const existing = await this.deps.store.get(claim.jobId);
        if (existing) return { record: existing, replayed: true };
      } else if (claim.kind === 'mismatch') {
        throw new ApiError(422, `Idempotency-Key "${idempotencyKey}" was already used with a different request body (job ${claim.jobId}). Use a new key for a new request.`, {
          code: 'idempotency_key_reused',
        });
      }
    }

    const provider = primaryProvider(deployments);
    const record = newJobRecord({
      id,
      owner,
      model: modelName,
      provider,
      request,
      callbackUrl,
      metadata: body.metadata ?? null,
      warnings,
      now: this.now(),
    });
    await this.deps.store.create(record);
    try {
      await this.deps.queues.enqueue(provider, id);
    } catch (error) {
      // The client hears "not accepted" (503) and will retry: the record must not run later as
      // a second job. If Redis is too far gone for this too, the sweeper queues it after 2 min.
      await this.deps.store.delete(record).catch(() => undefined);
      throw error;
    }
    this.deps.logger.info({ jobId: id, model: modelName, provider }, 'video job queued');
    return { record, replayed: false };
  }

  /** Deployments of the group that can generate video; 404 / 400 with the fix otherwise. */
  private videoDeployments(modelName: string): Deployment[] {
    const group = this.deps.registry.deploymentsFor(modelName);
    if (!group) {
      const names = this.videoModelNames();
      throw new ApiError(404, `The model "${modelName}" does not exist. Video models you can use: ${names.join(', ') || '(none configured)'}.`, {
        param: 'model',
        code: 'model_not_found',
      });
    }
    const video = group.filter((d) => canServe(d, 'video'));
    if (video.length === 0) {
      const why = [...new Set(group.map((d) => cannotServeReason(d, 'video')))].join('; ');
      // An inferred chat mode may be wrong (an Ark endpoint id hides its Seedance model): say how to set it.
      const hint = group.some((d) => d.mode === 'chat' && !d.modeFromConfig) ? ' If it is a video model, set model_info.mode: video_generation in its config entry.' : '';
      const names = this.videoModelNames();
      throw new ApiError(400, `The model "${modelName}" cannot generate video: ${why}.${hint} Video models you can use: ${names.join(', ') || '(none configured)'}.`, {
        param: 'model',
        code: 'model_not_video',
      });
    }
    return video;
  }

  private videoModelNames(): string[] {
    return this.deps.registry.modelNames().filter((name) => this.deps.registry.deploymentsFor(name)?.some((d) => canServe(d, 'video')));
  }

  /** Some adapters download an image URL from the worker: the egress policy applies to it too. */
  private checkImageUrl(image: string | undefined): void {
    if (!image || image.startsWith('data:')) return;
    const check = checkOutboundUrl(image, { allowPrivate: this.deps.allowPrivateCallbacks, field: 'image' });
    if (!check.ok) throw new ApiError(400, check.reason, { param: 'image', code: 'invalid_image_url' });
  }

  private checkedCallbackUrl(url: string | undefined): string | null {
    if (url === undefined) return null;
    const check = checkCallbackUrl(url, { allowPrivate: this.deps.allowPrivateCallbacks });
    if (!check.ok) throw new ApiError(400, check.reason, { param: 'callback_url', code: 'invalid_callback_url' });
    return check.url.toString();
  }
}

/**
 * The router may pick any deployment, so the request must suit all of them. Errors from
 * the first deployment that rejects it become one 400 listing what is allowed.
 */
function checkAgainstDeployments(modelName: string, deployments: Deployment[], request: VideoGenerationRequest): string[] {
  const warnings = new Set<string>();
  for (const deployment of deployments) {
    // videoDeployments() kept only deployments whose vendor has a video adapter.
    const check = checkVideoRequest(deployment.provider, deployment.upstreamModel, request)!;
    if (check.errors.length > 0) {
      const first = check.errors[0]!;
      throw new ApiError(400, `Model "${modelName}": ${check.errors.map((e) => e.message).join(' ')}`, { param: first.param, code: 'unsupported_value' });
    }
    check.warnings.forEach((w) => warnings.add(w));
  }
  return [...warnings];
}

/**
 * The job starts in the queue of the highest tier's provider, where its first create most
 * likely goes; once a task exists the job moves to the lane of the provider that holds it.
 */
function primaryProvider(deployments: Deployment[]): string {
  return [...deployments].sort(byTier)[0]!.provider;
}
