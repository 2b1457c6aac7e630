import type { ServerResponse } from 'node:http';
import type { FakeState } from './fake-state';
import { sendJson } from '../shared/send-json';
import { notFound } from './openai-error';
import { describeVideo, listVideos, type FakeVideoJob } from './video-jobs';

/** GET /v1/videos/{id}, with the `openai-poll-after-ms` hint when configured. */
export function handleRetrieve(state: FakeState, response: ServerResponse, id: string): void {
  state.stats.retrieves += 1;
  if (state.pollAfterMs !== undefined) response.setHeader('openai-poll-after-ms', String(state.pollAfterMs));
  sendJson(response, 200, describeVideo(findJob(state, id), state.now()));
}

/** GET /v1/videos?after=&limit=&order= */
export function handleList(state: FakeState, response: ServerResponse, query: URLSearchParams): void {
  const page = listVideos(
    [...state.jobs.values()],
    { after: query.get('after'), limit: query.get('limit'), order: query.get('order') },
    state.now(),
  );
  sendJson(response, 200, page);
}

/**
 * DELETE /v1/videos/{id}. The SDK documents deleting completed or failed videos; what the
 * API does with a running one is unconfirmed, so the fake deletes in any state.
 */
export function handleDelete(state: FakeState, response: ServerResponse, id: string): void {
  if (!state.jobs.delete(id)) throw videoNotFound(id);
  sendJson(response, 200, { id, object: 'video.deleted', deleted: true });
}

export function findJob(state: FakeState, id: string): FakeVideoJob {
  const job = state.jobs.get(id);
  if (!job) throw videoNotFound(id);
  return job;
}

export function videoNotFound(id: string) {
  return notFound(`Video with id '${id}' not found.`);
}
