import { z } from 'zod';
import type { TaskSearch } from '../contract/video-model';
import { callUpstream } from '../http/call-upstream';
import { lostCreateWindow, type TaskListSearchInput } from '../video/lost-create-window';

/** At most this many pages of 100 tasks are read. */
const MAX_PAGES = 5;
const PAGE_SIZE = 100;

/** One row of `GET /api/v1/tasks`, as the DashScope SDKs read it: times in epoch ms. */
const listedTask = z.object({
  task_id: z.string(),
  model_name: z.string().nullish(),
  gmt_create: z.number().nullish(),
  status: z.string().nullish(),
});
const taskList = z.object({ data: z.array(listedTask).nullish(), total_page: z.number().nullish() });

/**
 * The task a lost create made, from DashScope's batch task query (`model_name`, paged). Its
 * rows carry no prompt or parameters, so a task matches on the model and the create's time
 * window (`gmt_create`); the worker leaves out tasks other jobs own. The query's own
 * `start_time` / `end_time` are not sent: their format is not confirmed by the docs we could
 * read, and a wrong one would make every search fail. The window is applied here instead.
 */
export async function findDashScopeTask(input: TaskListSearchInput): Promise<TaskSearch> {
  const window = lostCreateWindow(input.lost);
  const matches: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = new URLSearchParams({ model_name: input.model, page_no: String(page), page_size: String(PAGE_SIZE) });
    const response = await callUpstream({ fetch: input.fetch, url: `${input.tasksUrl}?${query}`, init: { method: 'GET', headers: input.headers }, timeoutMs: 30_000, describeFailure: input.describeFailure });
    const list = taskList.parse(await response.json());
    const rows = list.data ?? [];
    for (const task of rows) {
      if (task.model_name && task.model_name !== input.model) continue;
      if (window.contains(Math.floor((task.gmt_create ?? 0) / 1000))) matches.push(task.task_id);
    }
    if (rows.length < PAGE_SIZE || page >= (list.total_page ?? page)) break;
  }
  return { upstreamIds: [...new Set(matches)], searched: `the ${input.model} tasks at ${input.tasksUrl} ${window.describe()}` };
}
