import express from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CompletionTimes, JobStore } from '@reelay/jobs';
import type { DeploymentLimiter } from '@reelay/limits';
import type { Registry } from '@reelay/registry';
import type { ObjectStorage } from '@reelay/storage';
import { queueDashboard } from './admin/queue-dashboard';
import { requireApiKey } from './http/auth';
import { REQUEST_LIMITS, rejectDeepBodies } from './http/body-limits';
import { createErrorHandler, notFoundHandler } from './http/error-handler';
import type { MetricsSources } from './metrics/collect-metrics';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { chatEndpoint } from './chat/chat-endpoint';
import { docsRoutes } from './routes/docs-routes';
import type { ChatService } from './chat/chat-service';
import { messagesEndpoint } from './messages/messages-endpoint';
import { metricsRoutes } from './routes/metrics-routes';
import { modelInfoRoutes } from './routes/model-info-routes';
import { routeExplainRoutes } from './routes/route-explain-routes';
import { systemRoutes } from './routes/system-routes';
import { healthRoutes } from './routes/health-routes';
import type { DeploymentHealth } from './health/deployment-health';
import { videoRoutes } from './routes/video-routes';
import type { VideoJobService } from './video/video-job-service';
import type { VideoPresenter } from './video/video-presenter';
import type { VideoQueues } from './video/video-queues';

export interface AppDeps {
  registry: Registry;
  redis: Redis;
  masterKey: string;
  service: VideoJobService;
  /** The sync text path (POST /v1/chat/completions). */
  chat: ChatService;
  store: JobStore;
  presenter: VideoPresenter;
  storage: ObjectStorage;
  queues: VideoQueues;
  /** Reads the limits state the workers share, for GET /v1/model/info and GET /v1/route/explain. */
  limiter: DeploymentLimiter;
  /** Reads the job lengths the workers learned, for GET /v1/model/info. */
  completionTimes: CompletionTimes;
  /** The probes behind GET /health. */
  health: DeploymentHealth;
  /** What GET /metrics reads. */
  metrics: MetricsSources;
  logger: Logger;
  publicBaseUrl?: string;
  /** REELAY_ADMIN_WRITE: the queue dashboard may retry and remove jobs (default read-only). */
  adminWrite?: boolean;
}


export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: a mounted app (the queue dashboard) leaves req.path relative to its mount point.
    const path = req.path;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      deps.logger.info({ method: req.method, path, status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  });
  app.use(express.json({ limit: REQUEST_LIMITS.jsonBodyBytes }));
  app.use(rejectDeepBodies);

  const system = systemRoutes(deps.registry, deps.redis);
  app.use(system.open);
  app.use(docsRoutes());
  // Before the Bearer-only check: the dashboard also takes the key by the browser's Basic login.
  app.use(queueDashboard({ queues: deps.metrics.queues, masterKey: deps.masterKey, allowWrite: deps.adminWrite === true }));
  app.use(requireApiKey(deps.masterKey));
  app.use(system.authed);
  app.use(videoRoutes(deps));
  app.use(modelInfoRoutes(deps));
  app.use(routeExplainRoutes(deps));
  app.use(healthRoutes(deps));
  app.use(metricsRoutes(deps.metrics));
  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  return app;
}

/**
 * Every request of the api: chat completions and Anthropic's Messages API on the text path's own
 * handlers (see chat-endpoint.ts and messages/messages-endpoint.ts), everything else through express.
 */
export function createRequestListener(deps: AppDeps): RequestListener {
  const app = createApp(deps);
  const chat = chatEndpoint(deps.chat, deps.masterKey, deps.logger);
  const messages = messagesEndpoint({ chat: deps.chat, registry: deps.registry, masterKey: deps.masterKey, logger: deps.logger });
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!chat(req, res) && !messages(req, res)) app(req, res);
  };
}
