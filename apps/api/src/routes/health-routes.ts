import { Router } from 'express';
import type { Registry } from '@reelay/registry';
import type { DeploymentHealth } from '../health/deployment-health';
import { healthView } from '../health/health-view';
import { ApiError } from '../http/api-error';

/**
 * `GET /health` (master key), LiteLLM's name and shape: every deployment probed (cheaply, at most
 * once a minute across all api processes), healthy and unhealthy endpoints with the cause and
 * the fix. `?model=<group>` narrows it to one group. Liveness and readiness stay on /health/*.
 */
export function healthRoutes(deps: { registry: Registry; health: DeploymentHealth }): Router {
  const router = Router();
  router.get('/health', async (req, res, next) => {
    try {
      const model = typeof req.query.model === 'string' && req.query.model !== '' ? req.query.model : undefined;
      if (model !== undefined && !deps.registry.deploymentsFor(model)) {
        throw new ApiError(404, `The model "${model}" does not exist. Models: ${deps.registry.modelNames().join(', ')}.`, { param: 'model', code: 'model_not_found' });
      }
      res.json(healthView(deps.registry, await deps.health.current(), model));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
