import { chatModelRefusal, type DeploymentMode } from './catalog/vendor-catalog';
import { chatAdapters } from './chat-adapters';
import { videoAdapters } from './video-adapters';

/** What a client asks a deployment for: a video job or a chat completion. */
export type Modality = 'video' | 'chat';

const MODE_OF_MODALITY: Readonly<Record<Modality, DeploymentMode>> = { video: 'video_generation', chat: 'chat' };

/** The parts of a registry deployment this needs (the registry's `Deployment` has them). */
export interface ServableDeployment {
  provider: string;
  mode: DeploymentMode;
  /** The vendor's model id: some chat adapters serve only some models (Vertex AI: Claude). */
  upstreamModel?: string;
}

/**
 * Why this deployment cannot serve the modality, or undefined when it can. The one answer to
 * "can this deployment serve video / chat": the api, the worker, model-info, metrics and
 * /v1/models all ask here. A deployment serves a modality when its mode is that modality's
 * and reelay has an adapter for its vendor in that modality that serves its model.
 */
export function cannotServeReason(deployment: ServableDeployment, modality: Modality): string | undefined {
  const wanted = MODE_OF_MODALITY[modality];
  if (deployment.mode !== wanted) return `its mode is ${deployment.mode}, not ${wanted}`;
  if (modality === 'video' && videoAdapters[deployment.provider] === undefined) return `reelay has no video adapter for ${deployment.provider}/`;
  if (modality === 'chat' && chatAdapters[deployment.provider] === undefined) return `reelay has no chat adapter for ${deployment.provider}/`;
  if (modality === 'chat' && deployment.upstreamModel !== undefined) return chatModelRefusal(deployment.provider, deployment.upstreamModel);
  return undefined;
}

export function canServe(deployment: ServableDeployment, modality: Modality): boolean {
  return cannotServeReason(deployment, modality) === undefined;
}

/** The providers whose deployments serve the modality: one video lane (queue) each. */
export function servingProviders(deployments: readonly ServableDeployment[], modality: Modality): string[] {
  return [...new Set(deployments.filter((d) => canServe(d, modality)).map((d) => d.provider))].sort();
}
