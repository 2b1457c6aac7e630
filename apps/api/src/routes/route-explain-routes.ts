import { Router } from 'express';
import { explainRoute, limitsOf, type DeploymentLimiter, type DeploymentPeek, type LastError } from '@reelay/limits';
import type { Modality } from '@reelay/providers';
import type { Deployment, Registry } from '@reelay/registry';
import { ApiError } from '../http/api-error';
import { isRedisUnavailable } from '../redis-connection';
import { unknownModelError } from './deployment-state-view';
import { eligibilityFor, presentExplanation } from './route-explain-view';

export interface RouteExplainDeps {
  registry: Registry;
  limiter: DeploymentLimiter;
  /** Injected so tests can pin `checked_at` and the seconds left. Default `Date.now`. */
  now?: () => number;
}

/** Most tokens `tokens=` takes: far above any model's window, small enough to stay an integer in Lua. */
const MAX_TOKENS = 100_000_000;

interface LiveRead {
  peeks: Map<string, DeploymentPeek>;
  lastErrors: Map<string, LastError | null>;
}

/**
 * `GET /v1/route/explain?model=<group>[&mode=chat|video][&tokens=N]`: which deployment the
 * next request would get and why, tier by tier, by the router's own rules and the same Redis
 * state, taking nothing (no request slot, no tokens, no lease) and calling no vendor.
 */
export function routeExplainRoutes(deps: RouteExplainDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;
  router.get('/v1/route/explain', async (req, res) => {
    const { model, mode, tokens } = parseQuery(deps.registry, req.query);
    const deployments = reachable(deps.registry, model);
    let live: LiveRead | undefined;
    let unreachable: string | undefined;
    try {
      live = await readLive(deps, deployments, tokens);
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
      unreachable = (error as Error).message;
    }
    const explanation = explainRoute({ registry: deps.registry, modelName: model, eligible: eligibilityFor(mode), live: live?.peeks });
    res.json(presentExplanation({ registry: deps.registry, model, mode, tokens, explanation, lastErrors: live?.lastErrors, unreachable, now: now() }));
  });
  return router;
}

function parseQuery(registry: Registry, query: Record<string, unknown>): { model: string; mode: Modality; tokens: number } {
  const { model, mode, tokens } = query;
  if (typeof model !== 'string' || model === '') {
    throw new ApiError(400, `model is required: GET /v1/route/explain?model=<group>. Models you can use: ${registry.modelNames().join(', ') || '(none configured)'}.`, {
      param: 'model',
      code: 'missing_parameter',
    });
  }
  const group = registry.deploymentsFor(model);
  if (!group) throw unknownModelError(registry, model);
  if (mode !== undefined && mode !== 'chat' && mode !== 'video') throw new ApiError(400, 'mode must be chat or video (default: what the model serves).', { param: 'mode', code: 'invalid_parameter' });
  if (tokens !== undefined && (typeof tokens !== 'string' || !/^\d+$/.test(tokens) || Number(tokens) > MAX_TOKENS)) {
    throw new ApiError(400, `tokens must be a whole number from 0 to ${MAX_TOKENS}: the request's estimate, checked against tpm.`, { param: 'tokens', code: 'invalid_parameter' });
  }
  // Every deployment of a group has one mode (the registry makes sure).
  const groupMode: Modality = group[0]?.mode === 'video_generation' ? 'video' : 'chat';
  return { model, mode: mode ?? groupMode, tokens: tokens === undefined ? 0 : Number(tokens) };
}

/** The group's deployments and its fallbacks', each once. */
function reachable(registry: Registry, model: string): Deployment[] {
  const groups = [model, ...(registry.routerSettings.fallbacks[model] ?? [])];
  return [...new Set(groups.flatMap((group) => registry.deploymentsFor(group) ?? []))];
}

async function readLive({ registry, limiter }: RouteExplainDeps, deployments: readonly Deployment[], tokens: number): Promise<LiveRead> {
  const reads = await Promise.all(
    deployments.map(async (deployment) => {
      const [peek, lastError] = await Promise.all([limiter.peek(deployment.id, limitsOf(deployment, registry), tokens), limiter.lastError(deployment.id)]);
      return { id: deployment.id, peek, lastError };
    }),
  );
  return { peeks: new Map(reads.map((read) => [read.id, read.peek])), lastErrors: new Map(reads.map((read) => [read.id, read.lastError])) };
}
