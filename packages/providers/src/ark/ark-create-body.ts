import type { VideoGenerationRequest } from '../contract/video-model';
import type { ArkRequestFields } from './ark-video-options';

/**
 * The body of `POST /contents/generations/tasks` in the body-parameter style (not the
 * legacy `--ratio 16:9` text commands, which validate weakly). Pass-through options
 * (camera_fixed, watermark, service_tier, execution_expires_after, return_last_frame, draft,
 * callback_url, …) go in first so they can never override the validated fields.
 */
export function buildArkCreateBody(model: string, request: VideoGenerationRequest, fields: ArkRequestFields): Record<string, unknown> {
  const content: Array<Record<string, unknown>> = [];
  if (request.prompt.trim() !== '') content.push({ type: 'text', text: request.prompt });
  if (fields.image) content.push({ type: 'image_url', image_url: { url: fields.image }, role: 'first_frame' });

  const body: Record<string, unknown> = { ...request.providerOptions, model, content };
  if (fields.ratio !== undefined) body.ratio = fields.ratio;
  if (fields.resolution !== undefined) body.resolution = fields.resolution;
  if (fields.duration !== undefined) body.duration = fields.duration;
  if (fields.seed !== undefined) body.seed = fields.seed;
  if (fields.generate_audio !== undefined) body.generate_audio = fields.generate_audio;
  return body;
}
