import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkCreateAllowed } from './create-limits';
import { parseCreateParams, parseRemixPrompt } from './create-params';
import type { FakeState } from './fake-state';
import { sendJson } from '../shared/send-json';
import { invalidRequest, notFound, OpenAIHttpError, rateLimited, serverError } from './openai-error';
import { readPromptMarkers } from './prompt-markers';
import { readBody } from './request-body';
import { describeVideo, newVideoId, type FakeVideoJob } from './video-jobs';

/** POST /v1/videos, JSON or multipart. */
export async function handleCreate(state: FakeState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  const record: NonNullable<FakeState['lastCreate']> = {
    contentType: body.contentType,
    encoding: body.encoding,
    fields: body.fields,
    files: body.files,
    status: 0,
  };
  state.lastCreate = record;
  try {
    const params = parseCreateParams(body);
    if (params.inputReference) record.inputReference = params.inputReference;
    const job = startJob(state, { ...params, remixedFromVideoId: null });
    record.status = 200;
    record.videoId = job.id;
    // The job exists (and is "billed") before the answer leaves: a client that dies meanwhile never learns its id.
    if (state.createDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.createDelayMs));
    sendJson(response, 200, describeVideo(job, job.createdAtMs));
  } catch (error) {
    record.status = error instanceof OpenAIHttpError ? error.status : 500;
    throw error;
  }
}

/** POST /v1/videos/{id}/remix: a new job with the source's model, length and size. */
export async function handleRemix(state: FakeState, request: IncomingMessage, response: ServerResponse, sourceId: string) {
  const prompt = parseRemixPrompt(await readBody(request));
  const source = state.jobs.get(sourceId);
  if (!source) throw notFound(`Video with id '${sourceId}' not found.`);
  if (describeVideo(source, state.now()).status !== 'completed') {
    throw invalidRequest(`Video '${sourceId}' can only be remixed once it is completed.`, 'video_id');
  }
  const { model, seconds, size } = source;
  const job = startJob(state, { model, seconds, size, prompt, remixedFromVideoId: sourceId });
  sendJson(response, 200, describeVideo(job, job.createdAtMs));
}

interface JobSpec {
  model: string;
  prompt: string;
  seconds: string;
  size: string;
  remixedFromVideoId: string | null;
}

/**
 * Applies setCreateFailure and the rpm / in-flight limits, then the prompt markers: a
 * refused create (scripted 429/500 or a limit) makes no job.
 */
function startJob(state: FakeState, spec: JobSpec): FakeVideoJob {
  const nowMs = state.now();
  checkCreateAllowed(state, nowMs);
  const markers = readPromptMarkers(spec.prompt);
  if (markers.createStatus === 429) {
    state.stats.rateLimited += 1;
    throw rateLimited();
  }
  if (markers.createStatus === 500) {
    state.stats.serverErrors += 1;
    throw serverError();
  }
  const job: FakeVideoJob = {
    ...spec,
    id: newVideoId(),
    createdAtMs: nowMs,
    durationMs: state.completeAfterMs * (markers.slow ? 5 : 1),
    videoBytes: markers.videoBytes ?? state.videoBytes,
  };
  if (markers.failure) job.failure = markers.failure;
  state.jobs.set(job.id, job);
  state.stats.creates += 1;
  state.stats.createTimes.push(nowMs);
  return job;
}
