import type { IncomingMessage, ServerResponse } from 'node:http';
import { ArkHttpError, rpmRateLimited } from './ark-error';
import { parseCreateBody } from './create-params';
import type { FakeState, RecordedCreate } from './fake-state';
import { sendJson } from './http-response';
import { readArkPromptMarkers } from './prompt-markers';
import { readJsonObject } from './request-body';
import { drawnSeed, newTaskId, queuedShare, type FakeTask } from './tasks';

/** POST /api/v3/contents/generations/tasks → `{"id":"cgt-…"}`. */
export async function handleCreate(state: FakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJsonObject(request);
  const record: RecordedCreate = { ...receivedCreate(body), body, status: 0 };
  state.lastCreate = record;
  try {
    const spec = parseCreateBody(body, state.models);
    const markers = readArkPromptMarkers(spec.prompt);
    if (markers.rateLimited) {
      state.stats.rateLimited += 1;
      throw rpmRateLimited(spec.model.id);
    }
    const nowMs = state.now();
    const id = newTaskId(nowMs, (candidate) => state.tasks.has(candidate));
    const runMs = state.completeAfterMs * (markers.slow ? 5 : 1);
    const task: FakeTask = {
      id,
      spec,
      createdAtMs: nowMs,
      runMs,
      queuedMs: Math.round(runMs * queuedShare(markers.slow)),
      seed: spec.seed === -1 ? drawnSeed(id) : spec.seed,
    };
    if (markers.failure) task.failure = markers.failure;
    state.tasks.set(id, task);
    state.videoSizes.set(id, markers.videoBytes ?? state.videoBytes);
    state.stats.creates += 1;
    record.status = 200;
    record.taskId = id;
    sendJson(response, 200, { id });
  } catch (error) {
    record.status = error instanceof ArkHttpError ? error.status : 500;
    throw error;
  }
}

/** The create normalised for assertions, read from the raw body so even a refused one is visible. */
function receivedCreate(body: Record<string, unknown>): Pick<RecordedCreate, 'model' | 'prompt' | 'image'> {
  const items = Array.isArray(body.content) ? (body.content as Array<Record<string, unknown> | null>) : [];
  const text = items.find((item) => item?.type === 'text')?.text;
  const firstFrame = items.find((item) => item?.type === 'image_url' && (item.role === undefined || item.role === 'first_frame'));
  const image = (firstFrame?.image_url as { url?: unknown } | undefined)?.url;
  return {
    model: typeof body.model === 'string' ? body.model : undefined,
    prompt: typeof text === 'string' ? text : undefined,
    image: typeof image === 'string' ? image : undefined,
  };
}
