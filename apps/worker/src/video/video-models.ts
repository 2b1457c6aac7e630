import { videoModelFactory, type VideoModel } from '@reelay/providers';
import type { Deployment, Registry } from '@reelay/registry';

/** Builds (once) the adapter for each deployment that can run video jobs. */
export class VideoModels {
  private readonly cache = new Map<string, VideoModel>();

  constructor(
    private readonly registry: Registry,
    private readonly fetchers: { fetch?: typeof fetch; fetchUserContent?: typeof fetch } = {},
  ) {}

  /** Deployments of a model group whose provider has a video adapter. */
  videoDeploymentsFor(modelName: string): Deployment[] {
    return (this.registry.deploymentsFor(modelName) ?? []).filter((d) => videoModelFactory(d.provider) !== undefined);
  }

  deploymentById(modelName: string, id: string): Deployment | undefined {
    return this.videoDeploymentsFor(modelName).find((d) => d.id === id);
  }

  modelFor(deployment: Deployment): VideoModel {
    const cached = this.cache.get(deployment.id);
    if (cached) return cached;
    const factory = videoModelFactory(deployment.provider);
    if (!factory) throw new Error(`provider ${deployment.provider} of deployment ${deployment.id} has no video adapter`);
    const model = factory({
      model: deployment.upstreamModel,
      apiBase: deployment.apiBase,
      apiKey: deployment.apiKey,
      apiKeyEnv: deployment.apiKeyEnv,
      pollSchedule: deployment.pollSchedule,
      fetch: this.fetchers.fetch,
      fetchUserContent: this.fetchers.fetchUserContent,
    });
    this.cache.set(deployment.id, model);
    return model;
  }
}
