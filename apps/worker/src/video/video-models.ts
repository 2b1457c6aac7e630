import { cannotServeReason, pollScheduleFromParams, videoAdapters, type UpstreamFetch, type VideoGenerationRequest, type VideoModel } from '@reelay/providers';
import type { Deployment, Registry } from '@reelay/registry';

/** Builds (once) the adapter for each deployment that can run video jobs. */
export class VideoModels {
  private readonly cache = new Map<string, VideoModel>();

  constructor(
    private readonly registry: Registry,
    private readonly fetchers: { fetch?: UpstreamFetch; fetchUserContent?: UpstreamFetch } = {},
  ) {}

  /** A deployment of any group (fallbacks route a job to other groups' deployments). */
  deploymentById(id: string): Deployment | undefined {
    return this.registry.deployments.find((d) => d.id === id);
  }

  /** `true`, or why this deployment can never serve the request (for the router's exclusions). */
  eligibility(deployment: Deployment, request: VideoGenerationRequest): true | string {
    const cannot = cannotServeReason(deployment, 'video');
    if (cannot !== undefined) return `cannot make video: ${cannot}`;
    const { errors } = this.modelFor(deployment).checkRequest(request);
    return errors.length === 0 ? true : `cannot take this request: ${errors.map((e) => e.message).join(' ')}`;
  }

  modelFor(deployment: Deployment): VideoModel {
    const cached = this.cache.get(deployment.id);
    if (cached) return cached;
    const adapter = videoAdapters[deployment.provider];
    if (!adapter) throw new Error(`provider ${deployment.provider} of deployment ${deployment.id} has no video adapter`);
    const model = adapter.create({
      model: deployment.upstreamModel,
      apiBase: deployment.apiBase,
      apiKey: deployment.apiKey,
      apiKeyEnv: deployment.apiKeyEnv,
      // The poll schedule is a video setting: derived here from litellm_params, not by the registry.
      pollSchedule: pollScheduleFromParams(deployment.params),
      fetch: this.fetchers.fetch,
      fetchUserContent: this.fetchers.fetchUserContent,
    });
    this.cache.set(deployment.id, model);
    return model;
  }
}
