import { Router, type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { isTerminal, type JobRecord, type JobStore } from '@reelay/jobs';
import type { ObjectStorage } from '@reelay/storage';
import { ApiError } from '../http/api-error';
import { parseMultipartVideoBody } from '../video/multipart-body';
import { parseCreateVideoBody } from '../video/video-request';
import type { VideoJobService } from '../video/video-job-service';
import type { VideoPresenter } from '../video/video-presenter';
import type { VideoQueues } from '../video/video-queues';

export interface VideoRouteDeps {
  service: VideoJobService;
  store: JobStore;
  presenter: VideoPresenter;
  storage: ObjectStorage;
  queues: VideoQueues;
  publicBaseUrl?: string;
}

/** OpenAI's Videos API uses sora-2 when no model is given. */
const OPENAI_DEFAULT_MODEL = 'sora-2';

export function videoRoutes(deps: VideoRouteDeps): Router {
  const router = Router();

  const create = (defaultModel?: string) => async (req: Request, res: Response) => {
    const body = parseCreateVideoBody(req.body);
    if (!body.model) {
      if (!defaultModel) throw new ApiError(400, 'model is required, e.g. "model": "sora-2". GET /v1/models lists the names.', { param: 'model', code: 'missing_parameter' });
      body.model = defaultModel;
    }
    const idempotencyKey = req.get('idempotency-key');
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
      throw new ApiError(400, 'Idempotency-Key must be 1 to 255 characters.', { code: 'invalid_idempotency_key' });
    }
    const { record, replayed } = await deps.service.create(req.owner!, body, idempotencyKey);
    const location = `${deps.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`}/v1/video/generations/${record.id}`;
    res.status(202).location(location);
    if (replayed) res.setHeader('idempotent-replayed', 'true');
    res.json(await deps.presenter.present(record));
  };

  const show = async (req: Request, res: Response) => {
    res.json(await deps.presenter.present(await ownedJob(deps.store, req)));
  };

  router.post('/v1/video/generations', parseMultipartVideoBody, create());
  router.post('/v1/videos', parseMultipartVideoBody, create(OPENAI_DEFAULT_MODEL));
  router.get('/v1/video/generations/:id', show);
  router.get('/v1/jobs/:id', show);
  router.get('/v1/videos/:id', show);

  router.get('/v1/videos', async (req, res) => {
    const limit = Number(req.query.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ApiError(400, 'limit must be an integer from 1 to 100.', { param: 'limit' });
    const order = req.query.order ?? 'desc';
    if (order !== 'asc' && order !== 'desc') throw new ApiError(400, 'order must be asc or desc.', { param: 'order' });
    const after = typeof req.query.after === 'string' ? req.query.after : undefined;
    const page = await deps.store.listByOwner(req.owner!, { limit, order, after });
    const data = await Promise.all(page.data.map((record) => deps.presenter.present(record)));
    res.json({ object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: page.hasMore });
  });

  router.get('/v1/videos/:id/content', async (req, res) => {
    const record = await ownedJob(deps.store, req);
    const variant = req.query.variant ?? 'video';
    if (variant !== 'video') {
      throw new ApiError(400, `variant "${String(variant)}" is not stored by reelay; only variant=video is available.`, { param: 'variant', code: 'unsupported_variant' });
    }
    if (record.status !== 'completed' || !record.output) {
      throw new ApiError(409, `Video ${record.id} is ${record.status}; its content is available once status is "completed".`, { code: 'video_not_ready' });
    }
    const object = await deps.storage.openObject(record.output.key);
    res.status(200).setHeader('content-type', record.output.contentType);
    res.setHeader('content-length', String(object.contentLength ?? record.output.bytes));
    res.setHeader('content-disposition', `attachment; filename="${record.id}.mp4"`);
    await pipeline(object.body, res);
  });

  const remove = async (req: Request, res: Response) => {
    const record = await ownedJob(deps.store, req);
    if (isTerminal(record.status)) {
      // OpenAI semantics: deleting a finished video removes it and its stored asset.
      if (record.output) await deps.storage.deleteObject(record.output.key);
      await deps.store.delete(record);
      res.json({ id: record.id, object: 'video.deleted', deleted: true });
      return;
    }
    const result = await deps.store.update(record.id, { error: null }, 'cancelled');
    if (result.applied) await deps.queues.wake(record.provider, record.id);
    const current = (await deps.store.get(record.id)) ?? record;
    res.json(await deps.presenter.present(current));
  };
  router.delete('/v1/videos/:id', remove);
  router.delete('/v1/video/generations/:id', remove);

  return router;
}

async function ownedJob(store: JobStore, req: Request): Promise<JobRecord> {
  const id = String(req.params.id);
  const record = /^video_[a-f0-9]{24}$/.test(id) ? await store.get(id) : undefined;
  if (!record || record.owner !== req.owner) {
    throw new ApiError(404, `No video job with id "${id}". Ids look like video_<24 hex>, and a job is visible only to the key that created it.`, {
      param: 'id',
      code: 'video_not_found',
    });
  }
  return record;
}
