import { Router } from 'express';
import type { CompletionTimes, CounterSample, CounterStore } from '@reelay/jobs';
import { limitsOf, type DeploymentLimiter } from '@reelay/limits';
import { byTier, type Deployment, type Registry } from '@reelay/registry';
import { cooldownUntilView, lastErrorView, limitsView, unknownModelError } from './deployment-state-view';

export interface ModelInfoRouteDeps {
  registry: Registry;
  limiter: DeploymentLimiter;
  completionTimes: CompletionTimes;
  /** The text path's counters (requests, tokens, latency), shared by every api process. */
  metrics: { counters: CounterStore };
}

/** The text counters, read once per request for every deployment. */
interface TextCounters {
  requests: CounterSample[];
  tokens: CounterSample[];
  latencySum: CounterSample[];
}

/**
 * `GET /v1/model/info` (LiteLLM's name): every deployment with its limits, its use right
 * now, its cooldown and its last error, read from the same Redis state the workers share.
 * Never shows `api_key`, not even masked.
 */
export function modelInfoRoutes(deps: ModelInfoRouteDeps): Router {
  const router = Router();
  router.get('/v1/model/info', async (req, res) => {
    const model = typeof req.query.model === 'string' ? req.query.model : undefined;
    const deployments = model === undefined ? deps.registry.deployments : deps.registry.deploymentsFor(model);
    if (!deployments) throw unknownModelError(deps.registry, model!);
    const sorted = [...deployments].sort((a, b) => a.modelName.localeCompare(b.modelName) || byTier(a, b));
    const counters = deps.metrics.counters;
    const [requests, tokens, latencySum] = await Promise.all([counters.read('chat_requests'), counters.read('chat_tokens'), counters.read('chat_latency_ms_sum')]);
    const text: TextCounters = { requests, tokens, latencySum };
    res.json({ data: await Promise.all(sorted.map((deployment) => describeDeployment(deps, deployment, text))) });
  });
  return router;
}

async function describeDeployment({ registry, limiter, completionTimes }: ModelInfoRouteDeps, deployment: Deployment, text: TextCounters) {
  const [state, lastError, expectedMs] = await Promise.all([limiter.inspect(deployment.id), limiter.lastError(deployment.id), completionTimes.refresh(deployment.id)]);
  const limits = limitsOf(deployment, registry);
  return {
    model_name: deployment.modelName,
    litellm_params: withoutUndefined({
      model: `${deployment.provider}/${deployment.upstreamModel}`,
      api_base: deployment.apiBase === undefined ? undefined : withoutUserinfo(deployment.apiBase),
      rpm: deployment.rpm,
      tpm: deployment.tpm,
      max_parallel_requests: deployment.maxParallelRequests,
      order: deployment.order,
      weight: deployment.weight,
    }),
    model_info: {
      ...deployment.modelInfo,
      id: deployment.id,
      provider: deployment.provider,
      // LiteLLM's name for what it serves (`video_generation`, `chat`), as set or as inferred.
      mode: deployment.mode,
      limits: limitsView(limits),
      usage: { requests_last_minute: state.requestsInWindow, tokens_last_minute: state.tokensInWindow, in_flight: state.inFlight },
      cooldown_until: cooldownUntilView(state),
      cooldown_reason: state.cooldownReason,
      last_error: lastErrorView(lastError),
      // What the poll schedule has learned: recent jobs rarely finished sooner (null until ten have).
      expected_completion_seconds: expectedMs === undefined ? null : Math.round(expectedMs / 100) / 10,
      ...(deployment.mode === 'chat' ? { text_usage: textUsage(deployment.id, text) } : {}),
    },
  };
}

/** Since the counters began: text requests by outcome, tokens, and the mean time per try. */
function textUsage(id: string, text: TextCounters) {
  const mine = (samples: CounterSample[]) => samples.filter((sample) => sample.labels[1] === id);
  const byOutcome: Record<string, number> = {};
  for (const { labels, value } of mine(text.requests)) byOutcome[labels[3] ?? ''] = (byOutcome[labels[3] ?? ''] ?? 0) + value;
  const total = Object.values(byOutcome).reduce((sum, n) => sum + n, 0);
  const tokens = (kind: string) => mine(text.tokens).find((sample) => sample.labels[3] === kind)?.value ?? 0;
  const sumMs = mine(text.latencySum)[0]?.value ?? 0;
  return {
    requests: total,
    requests_by_outcome: byOutcome,
    prompt_tokens: tokens('prompt'),
    completion_tokens: tokens('completion'),
    mean_latency_ms: total === 0 ? null : Math.round(sumMs / total),
  };
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** An api_base may carry credentials (`https://user:secret@host`); they are not shown. */
function withoutUserinfo(apiBase: string): string {
  try {
    const url = new URL(apiBase);
    if (!url.username && !url.password) return apiBase;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return apiBase;
  }
}
