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
  type DeploymentState,
  type LastError,
  type LimitReason,
  type LimiterOptions,
} from './deployment-limiter';
export { limitsOf, routeDeployment, type Exclusion, type RouteInput, type RouteResult } from './route-deployment';
