import type { DeploymentExplanation, DeploymentPeek, LastError, NextStep, RouteExplanation } from '@reelay/limits';
import { canServe, cannotServeReason, type Modality } from '@reelay/providers';
import type { Deployment, Registry } from '@reelay/registry';
import { noDeploymentAnswered } from '../chat/chat-attempts';
import { assertTextGroup } from '../chat/text-groups';
import { ApiError } from '../http/api-error';
import { cooldownUntilView, lastErrorView, limitsView } from './deployment-state-view';

export interface ExplainView {
  registry: Registry;
  model: string;
  mode: Modality;
  tokens: number;
  explanation: RouteExplanation;
  /** Last errors by deployment id; undefined when Redis could not be read. */
  lastErrors?: ReadonlyMap<string, LastError | null>;
  /** Why Redis could not be read, when it could not. */
  unreachable?: string;
  now: number;
}

/** `routeDeployment`'s `eligible` for a kind of request, in the words the chat service and the worker use. */
export function eligibilityFor(mode: Modality): (deployment: Deployment) => true | string {
  return (deployment) => {
    const reason = cannotServeReason(deployment, mode);
    if (reason === undefined) return true;
    return mode === 'video' ? `cannot make video: ${reason}` : reason;
  };
}

/** The JSON of GET /v1/route/explain. */
export function presentExplanation(view: ExplainView) {
  const live = view.unreachable === undefined;
  return {
    object: 'route.explanation',
    model: view.model,
    mode: view.mode,
    tokens: view.tokens,
    live,
    ...(live ? {} : { note: unreachableNote(view.unreachable!) }),
    checked_at: new Date(view.now).toISOString(),
    groups: view.explanation.groups.map((group) => ({
      model_name: group.modelName,
      fallback: group.fallback,
      tiers: group.tiers.map((tier) => ({ order: tier.order, weighted_by: tier.basis, deployments: tier.deployments.map((entry) => deploymentView(entry, view)) })),
    })),
    next: nextView(view),
  };
}

function deploymentView(entry: DeploymentExplanation, view: ExplainView) {
  const { deployment, state } = entry;
  return {
    id: deployment.id,
    provider: deployment.provider,
    model: deployment.upstreamModel,
    mode: deployment.mode,
    can_serve: { chat: canServe(deployment, 'chat'), video: canServe(deployment, 'video') },
    weight: deployment.weight ?? null,
    share: entry.share === null ? null : round(entry.share),
    limits: limitsView(entry.limits),
    headroom: state ? headroomView(entry.limits, state) : null,
    failures_last_minute: state ? state.failuresInWindow : null,
    cooldown: state?.cooldownUntil ? { until: cooldownUntilView(state), seconds_left: round((state.cooldownUntil - view.now) / 1000, 1), reason: state.cooldownReason } : null,
    last_error: lastErrorView(view.lastErrors?.get(deployment.id) ?? null),
    eligible: entry.eligible === true,
    ...(entry.eligible === true ? {} : { reason: entry.eligible }),
  };
}

function headroomView(limits: DeploymentExplanation['limits'], state: DeploymentPeek) {
  const of = (used: number, limit: number | undefined) => ({ used, limit: limit || null, left: limit ? Math.max(0, limit - used) : null });
  return { rpm: of(state.requestsInWindow, limits.rpm), tpm: of(state.tokensInWindow, limits.tpm), in_flight: of(state.inFlight, limits.maxParallelRequests) };
}

/** The tier tried first and its chances, or what a request would be answered with now. */
function nextView(view: ExplainView) {
  const next = view.explanation.next;
  const refused = edgeRefusal(view);
  if (refused) return answerView('none', refused, view.now);
  if (next.kind === 'route') {
    return { kind: 'route' as const, model_name: next.modelName, fallback: next.fallback, order: next.tier, deployments: next.chances.map(({ id, chance }) => ({ id, chance: round(chance) })) };
  }
  const retryAfterMs = next.kind === 'wait' ? next.retryAfterMs : undefined;
  if (view.mode === 'chat') return answerView(next.kind, noDeploymentAnswered(view.model, [], next.excluded, retryAfterMs), view.now, retryAfterMs);
  return videoAnswer(view.model, next, view.now);
}

/** The 400s a request gets at the edge, before any routing: a chat request to a video group, or the reverse. */
function edgeRefusal(view: ExplainView): ApiError | undefined {
  if (view.mode === 'chat') {
    try {
      assertTextGroup(view.registry, view.model);
    } catch (error) {
      if (error instanceof ApiError) return error;
      throw error;
    }
    return undefined;
  }
  const group = view.registry.deploymentsFor(view.model) ?? [];
  if (group.some((deployment) => canServe(deployment, 'video'))) return undefined;
  const why = [...new Set(group.map((deployment) => cannotServeReason(deployment, 'video')))].join('; ');
  return new ApiError(400, `The model "${view.model}" cannot generate video: ${why}.`, { param: 'model', code: 'model_not_video' });
}

/** A video create is accepted (202) whatever the capacity: the job waits queued and the worker routes it again. */
function videoAnswer(model: string, next: Exclude<NextStep, { kind: 'route' }>, now: number) {
  const lines = next.excluded.map((e, index) => `[${index + 1}] deployment "${e.id}": ${e.reason}`).join(' ');
  if (next.kind === 'wait') {
    const message = `A job for "${model}" is accepted (202) and stays queued: no deployment can take it now. The worker routes it again within ${Math.ceil(next.retryAfterMs / 1000)} s, until the job's deadline. ${lines}`;
    return { kind: 'wait' as const, status: 202, code: null, message, retry_after_seconds: Math.max(1, Math.ceil(next.retryAfterMs / 1000)), clears_at: new Date(now + next.retryAfterMs).toISOString() };
  }
  return { kind: 'none' as const, status: 202, code: 'invalid_request', message: `A job for "${model}" is accepted (202), then fails: no deployment can serve it. ${lines}`, retry_after_seconds: null, clears_at: null };
}

function answerView(kind: 'wait' | 'none', error: ApiError, now: number, retryAfterMs?: number) {
  const { message, code, type } = error.toBody().error;
  const retryAfter = error.options.headers?.['retry-after'];
  return {
    kind,
    status: error.status,
    type,
    code,
    message,
    retry_after_seconds: retryAfter === undefined ? null : Number(retryAfter),
    clears_at: retryAfterMs === undefined ? null : new Date(now + retryAfterMs).toISOString(),
  };
}

function unreachableNote(why: string): string {
  return `Redis is unreachable (${why}), so use, cooldowns and last errors are unknown and only the config is explained. While it is: chat deployments without rpm, tpm or max_parallel_requests go on serving on what each api process last knew; requests to deployments with limits, and video jobs, are answered 503.`;
}

function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
