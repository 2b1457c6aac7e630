import type { RequestCheck, RequestProblem, VideoGenerationRequest } from '../contract/video-model';

const SECONDS = [4, 8, 12, 16, 20];
const SIZES_720 = ['720x1280', '1280x720'];
const SIZES_PRO = [...SIZES_720, '1024x1792', '1792x1024', '1080x1920', '1920x1080'];

/** Sora accepts a fixed set of lengths and sizes; 1080p and the tall/wide sizes need sora-2-pro. */
export function checkOpenAIVideoRequest(model: string, request: VideoGenerationRequest): RequestCheck {
  const errors: RequestProblem[] = [];
  const warnings: string[] = [];
  const isPro = model.includes('pro');
  const sizes = isPro ? SIZES_PRO : SIZES_720;

  if (request.seconds !== undefined && !SECONDS.includes(request.seconds)) {
    errors.push({ param: 'seconds', message: `${model} takes seconds ${SECONDS.join(', ')}; got ${request.seconds}.` });
  }
  if (request.size !== undefined && !sizes.includes(request.size)) {
    errors.push({
      param: 'size',
      message: `${model} takes size ${sizes.join(', ')}; got ${request.size}.${isPro ? '' : ' Larger sizes need sora-2-pro.'}`,
    });
  }
  if (request.size === undefined && request.resolution !== undefined) {
    const allowed = isPro ? ['720p', '1080p'] : ['720p'];
    if (!allowed.includes(request.resolution)) {
      errors.push({ param: 'resolution', message: `${model} takes resolution ${allowed.join(', ')}; got ${request.resolution}.` });
    }
  }
  if (request.size === undefined && request.aspectRatio !== undefined && !['16:9', '9:16'].includes(request.aspectRatio)) {
    errors.push({ param: 'aspect_ratio', message: `${model} takes aspect_ratio 16:9 or 9:16; got ${request.aspectRatio}.` });
  }
  if (request.size !== undefined && (request.aspectRatio !== undefined || request.resolution !== undefined)) {
    warnings.push('size was used; aspect_ratio and resolution were ignored.');
  }
  if (request.negativePrompt !== undefined) warnings.push('negative_prompt is not supported by OpenAI Videos and was not sent.');
  if (request.seed !== undefined) warnings.push('seed is not supported by OpenAI Videos and was not sent.');
  if (request.generateAudio !== undefined) warnings.push('generate_audio is not a setting of OpenAI Videos (Sora always renders audio).');
  return { errors, warnings };
}
