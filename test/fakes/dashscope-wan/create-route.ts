import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dataInspectionFailed, invalidParameter, modelNotFound, synchronousCallRefused, throttled } from './dashscope-error';
import type { ScriptedFailure, WanFakeState, WanTask } from './fake-state';
import { readJsonObject, sendJson } from './http-io';
import { readWanMarkers } from './prompt-markers';
import { FAKE_WAN_MODELS, type FakeWanModel } from './wan-catalog';

const MAX_SEED = 2_147_483_647;
const IMAGE_URL = /^(https?:\/\/\S+|data:[\w.+-]+\/[\w.+-]+;base64,\S+)$/i;
/** Share of the run a task spends PENDING; `[slow]` tasks stay PENDING for half of it. */
const PENDING_FRACTION = 0.2;

/** POST /api/v1/services/aigc/video-generation/video-synthesis (async only). */
export async function handleCreate(state: WanFakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (String(request.headers['x-dashscope-async'] ?? '').toLowerCase() !== 'enable') {
    request.resume();
    throw synchronousCallRefused();
  }
  const body = await readJsonObject(request);
  const input = asObject(body.input);
  const parameters = asObject(body.parameters);
  const prompt = typeof input.prompt === 'string' ? input.prompt : '';
  state.lastCreate = {
    model: typeof body.model === 'string' ? body.model : undefined,
    prompt: typeof input.prompt === 'string' ? input.prompt : undefined,
    image: typeof input.img_url === 'string' ? input.img_url : undefined,
    body,
  };

  const model = typeof body.model === 'string' ? FAKE_WAN_MODELS[body.model] : undefined;
  if (typeof body.model !== 'string' || body.model === '') throw invalidParameter('Field required: model');
  if (!model) throw modelNotFound();
  const markers = readWanMarkers(prompt);
  if (markers.throttle) {
    state.stats.rateLimited += 1;
    throw throttled();
  }
  const size = checkParameters(model, input, parameters);
  if (markers.moderation) throw dataInspectionFailed();

  const durationMs = state.completeAfterMs * (markers.slow ? 5 : 1);
  const task: WanTask = {
    id: randomUUID(),
    model: body.model,
    prompt,
    createdAtMs: state.now(),
    pendingMs: durationMs * (markers.slow ? 0.5 : PENDING_FRACTION),
    durationMs,
    videoSeconds: typeof parameters.duration === 'number' ? parameters.duration : 5,
    size,
    audio: model.audio && parameters.audio !== false,
    videoBytes: markers.videoBytes ?? state.videoBytes,
  };
  const failure = scriptedFailure(model, parameters, task, markers.fail);
  if (failure) task.failure = failure;
  state.tasks.set(task.id, task);
  state.stats.creates += 1;
  sendJson(response, 200, { output: { task_status: 'PENDING', task_id: task.id }, request_id: randomUUID() });
}

/** What DashScope refuses at create time (400 InvalidParameter). Returns the size or tier rendered. */
function checkParameters(model: FakeWanModel, input: Record<string, unknown>, parameters: Record<string, unknown>): string {
  if (model.mode === 't2v' && (typeof input.prompt !== 'string' || input.prompt.trim() === '')) {
    throw invalidParameter('Field required: input.prompt');
  }
  if (parameters.seed !== undefined && !(Number.isInteger(parameters.seed) && (parameters.seed as number) >= 0 && (parameters.seed as number) <= MAX_SEED)) {
    throw invalidParameter(`seed must be an integer in [0, ${MAX_SEED}]`);
  }
  if (parameters.duration !== undefined && !Number.isInteger(parameters.duration)) throw invalidParameter('duration must be an integer');
  if (model.mode === 't2v') {
    const size = parameters.size ?? model.defaultSize;
    // Wording as DashScope answered a live check (third-party, 2026): "size must be in 1080*1920,…".
    if (typeof size !== 'string' || !model.sizes.includes(size)) throw invalidParameter(`size must be in ${model.sizes.join(',')}`);
    return size;
  }
  if (typeof input.img_url !== 'string' || input.img_url === '') throw invalidParameter('Field required: input.img_url');
  if (!IMAGE_URL.test(input.img_url)) throw invalidParameter('The img_url must be a public http(s) URL or a base64 data URL.');
  const resolution = parameters.resolution ?? model.defaultResolution;
  if (typeof resolution !== 'string' || !model.resolutions.includes(resolution)) {
    throw invalidParameter(`resolution must be in ${model.resolutions.join(',')}`);
  }
  return resolution;
}

/**
 * `[fail]` fails halfway with InternalError. A length the model cannot render is accepted and
 * then fails with InvalidParameter, as a live check (third-party, 2026) saw for wan2.2: the
 * create answered 200 and the task ended FAILED "duration customization is not supported".
 */
function scriptedFailure(model: FakeWanModel, parameters: Record<string, unknown>, task: WanTask, fail: boolean): ScriptedFailure | undefined {
  if (typeof parameters.duration === 'number' && !model.durations.includes(parameters.duration)) {
    const message = model.durations.length === 1 ? 'duration customization is not supported' : `duration must be in ${model.durations.join(',')}`;
    return { atMs: task.pendingMs, code: 'InvalidParameter', message };
  }
  if (fail) {
    return { atMs: Math.max(task.pendingMs, task.durationMs * 0.5), code: 'InternalError', message: 'An internal error has occured, please try again later or contact service support.' };
  }
  return undefined;
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
