import { Router } from 'express';
import type { Redis } from 'ioredis';
import { canServe } from '@reelay/providers';
import type { Registry } from '@reelay/registry';
import { openApiDocument } from './openapi';

/** Health (LiteLLM's paths), model list and the OpenAPI document. */
export function systemRoutes(registry: Registry, redis: Redis): { open: Router; authed: Router } {
  const open = Router();
  open.get('/health/liveliness', (_req, res) => {
    res.json({ status: 'alive' });
  });
  open.get('/health/readiness', async (_req, res) => {
    const redisOk = await redis
      .ping()
      .then(() => true)
      .catch(() => false);
    res.status(redisOk ? 200 : 503).json({ status: redisOk ? 'healthy' : 'unhealthy', redis: redisOk ? 'connected' : 'unreachable' });
  });
  open.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  const authed = Router();
  authed.get(['/v1/models', '/models'], (_req, res) => {
    // Only groups a request can be served by: a listed model that always fails is what users
    // of other gateways meet as "no healthy deployments".
    const servable = registry.modelNames().filter((name) => registry.deploymentsFor(name)?.some((d) => canServe(d, 'video') || canServe(d, 'chat')));
    const data = servable.map((id) => ({ id, object: 'model', created: 0, owned_by: 'reelay' }));
    res.json({ object: 'list', data });
  });
  return { open, authed };
}
