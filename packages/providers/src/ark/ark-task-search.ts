import { z } from 'zod';
import type { TaskSearch } from '../contract/video-model';
import { callUpstream } from '../http/call-upstream';
import { lostCreateWindow, type TaskListSearchInput } from '../video/lost-create-window';
import { planArkRequest } from './ark-video-options';

/** A lost create is looked for among at most this many pages of 100 recent tasks. */
const MAX_PAGES = 5;

const listedTask = z.object({
  id: z.string(),
  model: z.string().nullish(),
  created_at: z.number().nullish(),
  duration: z.number().nullish(),
  resolution: z.string().nullish(),
  ratio: z.string().nullish(),
  seed: z.number().nullish(),
});
const taskList = z.object({ items: z.array(listedTask), total: z.number().nullish() });

/**
 * The task a lost create made, from Ark's task list (`filter.model`, newest first, the last 7
 * days): Ark's task objects do not carry the prompt, so a task matches on the model, the
 * parameters reelay sent (duration, resolution, ratio, seed) and the create's time window; the
 * worker leaves out tasks other jobs own.
 */
export async function findArkTask(input: TaskListSearchInput): Promise<TaskSearch> {
  const { fields } = planArkRequest(input.model, input.lost.request);
  const window = lostCreateWindow(input.lost);
  const matches: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = new URLSearchParams({ page_num: String(page), page_size: '100', 'filter.model': input.model });
    const response = await callUpstream({ fetch: input.fetch, url: `${input.tasksUrl}?${query}`, init: { method: 'GET', headers: input.headers }, timeoutMs: 30_000, describeFailure: input.describeFailure });
    const list = taskList.parse(await response.json());
    for (const task of list.items) {
      if (!window.contains(task.created_at ?? 0)) continue;
      const same =
        (fields.duration === undefined || task.duration === fields.duration) &&
        (fields.resolution === undefined || task.resolution === fields.resolution) &&
        (fields.ratio === undefined || fields.ratio === 'adaptive' || task.ratio === fields.ratio) &&
        (fields.seed === undefined || task.seed === fields.seed);
      if (same) matches.push(task.id);
    }
    const oldest = list.items.at(-1)?.created_at ?? 0;
    if (list.items.length < 100 || oldest < window.start) break;
  }
  return { upstreamIds: matches, searched: `the ${input.model} tasks at ${input.tasksUrl} ${window.describe()}` };
}
