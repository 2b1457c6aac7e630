import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { Router, type Express } from 'express';
import { ApiError } from '../http/api-error';
import { uiAssetsDir } from '../http/ui-assets';
import { DOCS_PATH } from '../routes/docs-routes';
import { adminPageHeaders, guardAdminWrites, requireAdminKey } from './admin-auth';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

export interface QueueDashboardOptions {
  /** Every BullMQ queue the api knows: the video lanes it serves and the webhook queue. */
  queues: readonly Queue[];
  masterKey: string;
  /** REELAY_ADMIN_WRITE: retries, promotions, removals and pauses. Default: read-only. */
  allowWrite: boolean;
}

/** bull-board at /admin/queues, behind the gateway key, read-only unless allowed to write. */
export function queueDashboard(options: QueueDashboardOptions): Router {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: !options.allowWrite, allowRetries: options.allowWrite })),
    serverAdapter,
    options: {
      uiBasePath: uiAssetsDir('bull-board'),
      uiConfig: { boardTitle: 'reelay queues', miscLinks: [{ text: 'API docs', url: DOCS_PATH }] },
    },
  });
  // Typed `any` by bull-board; it is the express app its adapter built.
  const board = serverAdapter.getRouter() as Express;
  board.disable('x-powered-by'); // its own express app, which does not inherit the api's settings
  const router = Router();
  router.use(QUEUE_DASHBOARD_PATH, requireAdminKey(options.masterKey), adminPageHeaders, guardAdminWrites(options.allowWrite), board, (req, _res, next) => {
    // Here rather than behind the api's Bearer-only key check, which would answer a logged-in browser 401.
    next(new ApiError(404, `No page or API of the queue dashboard at ${req.method} ${req.originalUrl.split('?')[0]}.`, { code: 'route_not_found' }));
  });
  return router;
}
