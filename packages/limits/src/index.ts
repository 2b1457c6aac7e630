/**
 * @reelay/limits: limits shared by every worker process through Redis (requests and
 * tokens per minute, in-flight upstream tasks as leases, cooldowns) and the router that
 * applies them to the registry's deployments.
 */
export {
  DeploymentLimiter,
  type AcquireResult,
  type CooldownPolicy,
  type DeploymentLimits,
  type DeploymentPeek,
  type DeploymentState,
  type LastError,
  type LimitReason,
  type LimiterOptions,
  type Refusal,
} from './deployment-limiter';
export { limitsOf, routeDeployment, type Exclusion, type RouteInput, type RouteResult } from './route-deployment';
/** What routing would do with the next request, from a peek of Redis, taking nothing (GET /v1/route/explain). */
export {
  explainRoute,
  type DeploymentExplanation,
  type ExplainInput,
  type GroupExplanation,
  type NextStep,
  type RouteExplanation,
  type TierExplanation,
} from './explain-route';
