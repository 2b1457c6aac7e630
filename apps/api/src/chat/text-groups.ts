import { canServe } from '@reelay/providers';
import type { Registry } from '@reelay/registry';
import { ApiError } from '../http/api-error';

/** The groups a text request can use: those with a deployment that serves chat. */
export function textModelNames(registry: Registry): string[] {
  return registry.modelNames().filter((name) => registry.deploymentsFor(name)!.some((d) => canServe(d, 'chat')));
}

/** The 404 for a group that does not exist and the 400 for a video group, both naming what to use instead (every text dialect). */
export function assertTextGroup(registry: Registry, model: string): void {
  const deployments = registry.deploymentsFor(model);
  if (!deployments) {
    throw new ApiError(404, `The model "${model}" does not exist. Text models you can use: ${textModelNames(registry).join(', ') || '(none configured)'}. GET /v1/models lists them.`, { param: 'model', code: 'model_not_found' });
  }
  if (deployments.every((d) => d.mode === 'video_generation')) {
    throw new ApiError(400, `"${model}" is a video model; create a video job with POST /v1/video/generations (or /v1/videos) instead.`, { param: 'model', code: 'model_not_chat' });
  }
}
