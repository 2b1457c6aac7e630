import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeState, RecordedCreate, VeoOperation } from './fake-state';
import { GoogleHttpError, resourceExhausted } from './google-error';
import { readJsonBody, sendJson } from './http-io';
import { newResourceId } from './operations';
import { parsePredictBody, type PredictParams } from './predict-params';
import { readPromptMarkers } from './prompt-markers';

/** POST /v1beta/models/{model}:predictLongRunning → `{name}` (the real API returns only the name). */
export async function handlePredict(state: FakeState, request: IncomingMessage, response: ServerResponse, model: string): Promise<void> {
  const body = await readJsonBody(request);
  const record: RecordedCreate = { model, body, status: 0, ...roughlyRead(body) };
  state.lastCreate = record;
  try {
    const params = parsePredictBody(model, body);
    const operation = startOperation(state, params);
    record.status = 200;
    record.operationName = operation.name;
    sendJson(response, 200, { name: operation.name });
  } catch (error) {
    record.status = error instanceof GoogleHttpError ? error.httpStatus : 500;
    throw error;
  }
}

/** Applies the prompt markers: a scripted 429 makes no operation. */
function startOperation(state: FakeState, params: PredictParams): VeoOperation {
  const markers = readPromptMarkers(params.prompt ?? '');
  if (markers.rateLimited) {
    state.stats.rateLimited += 1;
    throw resourceExhausted(params.model, 2);
  }
  const operation: VeoOperation = {
    name: `models/${params.model}/operations/${newResourceId()}`,
    model: params.model,
    fileId: newResourceId(),
    createdAtMs: state.now(),
    durationMs: state.completeAfterMs * (markers.slow ? 5 : 1),
    videoBytes: markers.videoBytes ?? state.videoBytes,
  };
  if (params.prompt !== undefined) operation.prompt = params.prompt;
  if (markers.outcome) operation.outcome = markers.outcome;
  state.operations.set(operation.name, operation);
  state.files.set(operation.fileId, operation);
  state.stats.creates += 1;
  return operation;
}

/** Prompt and image as sent, even when the body is invalid, so tests can see what arrived. */
function roughlyRead(body: unknown): Pick<RecordedCreate, 'prompt' | 'image'> {
  const instance = (body as { instances?: unknown[] } | undefined)?.instances?.[0] as Record<string, unknown> | undefined;
  const out: Pick<RecordedCreate, 'prompt' | 'image'> = {};
  if (typeof instance?.prompt === 'string') out.prompt = instance.prompt;
  const image = instance?.image as Record<string, unknown> | undefined;
  const inline = image?.inlineData as Record<string, unknown> | undefined;
  const base64 = inline ? inline.data : image?.bytesBase64Encoded;
  const mimeType = inline ? inline.mimeType : image?.mimeType;
  if (typeof base64 === 'string' && typeof mimeType === 'string') out.image = `data:${mimeType};base64,${base64}`;
  return out;
}
