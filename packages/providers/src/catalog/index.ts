/**
 * `@reelay/providers/catalog`: what the registry may know of the vendors without loading an
 * adapter (the architecture test checks that nothing here reaches one): the vendor prefixes
 * and their modes, key hints, start-up notices, and the video settings a deployment's
 * `litellm_params` may carry.
 */
export {
  DEPLOYMENT_MODES,
  chatModelRefusal,
  deploymentNotices,
  inferDeploymentMode,
  isDeploymentMode,
  keyEnvHint,
  knownProviderPrefixes,
  requiredChatParams,
  vendorCatalog,
  type DeploymentMode,
  type VendorEntry,
} from './vendor-catalog';
export { MODEL_RETIREMENTS, retirementHint, retirementOf, type ModelRetirement } from './model-lifecycle';
export { videoParamsShape } from '../video/video-params';
export type { UpstreamErrorCode } from '../contract/upstream-error-code';
