import type { RequestCheck, RequestProblem, VideoGenerationRequest } from '../contract/video-model';

/** Largest input image we inline into the create body (the Gemini API caps requests at 20 MB). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export type VeoAspectRatio = '16:9' | '9:16';
export type VeoResolution = '720p' | '1080p' | '4k';

/** What differs between Veo generations on the Gemini API (providers.md §2, docs table). */
export interface VeoFamily {
  /** `Veo 2`, `Veo 3`: used in messages. */
  label: string;
  seconds: readonly number[];
  /** Resolutions Veo renders; Veo 2 has no `resolution` parameter and always renders 720p. */
  resolutions: readonly VeoResolution[];
  sendsResolution: boolean;
  /** Veo 3 renders native audio; Veo 2 is silent. */
  hasAudio: boolean;
  personGeneration: { textToVideo: readonly string[]; imageToVideo: readonly string[] };
}

const VEO_3: VeoFamily = {
  label: 'Veo 3',
  seconds: [4, 6, 8],
  resolutions: ['720p', '1080p', '4k'],
  sendsResolution: true,
  hasAudio: true,
  // allow_all outside the EU/UK/CH/MENA, allow_adult inside; image-to-video allow_adult only.
  personGeneration: { textToVideo: ['allow_all', 'allow_adult'], imageToVideo: ['allow_adult'] },
};

const VEO_2: VeoFamily = {
  label: 'Veo 2',
  seconds: [5, 6, 8],
  resolutions: ['720p'],
  sendsResolution: false,
  hasAudio: false,
  personGeneration: { textToVideo: ['allow_all', 'allow_adult', 'dont_allow'], imageToVideo: ['allow_adult', 'dont_allow'] },
};

/**
 * Known ids: veo-3.1-generate-preview, veo-3.1-fast-generate-preview, veo-3.1-lite-generate-preview,
 * veo-3.0-generate-001, veo-3.0-fast-generate-001, veo-3.0-generate-preview, veo-2.0-generate-001.
 * Other `veo-N…` ids follow their major version; anything else gets the newest rules.
 */
export function veoFamily(model: string): VeoFamily {
  const major = /(?:^|\/)veo-?(\d+)/i.exec(model)?.[1];
  return major === '2' ? VEO_2 : VEO_3;
}

interface Shape {
  aspectRatio: VeoAspectRatio;
  resolution: VeoResolution;
}

/** Our `WxH` sizes and the aspect ratio + resolution Veo renders them at. */
const SIZES: Readonly<Record<string, Shape>> = {
  '1280x720': { aspectRatio: '16:9', resolution: '720p' },
  '720x1280': { aspectRatio: '9:16', resolution: '720p' },
  '1920x1080': { aspectRatio: '16:9', resolution: '1080p' },
  '1080x1920': { aspectRatio: '9:16', resolution: '1080p' },
  '3840x2160': { aspectRatio: '16:9', resolution: '4k' },
  '2160x3840': { aspectRatio: '9:16', resolution: '4k' },
};
const ASPECT_RATIOS: readonly string[] = ['16:9', '9:16'];
const RESOLUTIONS_NEEDING_8S: readonly string[] = ['1080p', '4k'];

function sizesFor(family: VeoFamily): string[] {
  return Object.entries(SIZES)
    .filter(([, shape]) => family.resolutions.includes(shape.resolution))
    .map(([size]) => size);
}

/** The aspect ratio and resolution a request asks for, whichever way it spelled them. */
export function requestedShape(request: VideoGenerationRequest): Partial<Shape> {
  if (request.size !== undefined) return SIZES[request.size] ?? {};
  const shape: Partial<Shape> = {};
  if (request.aspectRatio !== undefined) shape.aspectRatio = request.aspectRatio as VeoAspectRatio;
  if (request.resolution !== undefined) shape.resolution = request.resolution.toLowerCase() as VeoResolution;
  return shape;
}

/** Pure check of a request against one Veo model: errors are 400s, warnings are recorded on the job. */
export function checkGeminiVideoRequest(model: string, request: VideoGenerationRequest): RequestCheck {
  const family = veoFamily(model);
  const errors: RequestProblem[] = [];
  const warnings: string[] = [];

  if (request.seconds !== undefined && !family.seconds.includes(request.seconds)) {
    errors.push({ param: 'seconds', message: `${model} takes seconds ${family.seconds.join(', ')}; got ${request.seconds}.` });
  }
  if (request.size !== undefined) {
    const sizes = sizesFor(family);
    if (!sizes.includes(request.size)) {
      errors.push({ param: 'size', message: `${model} takes size ${sizes.join(', ')}; got ${request.size}.` });
    }
    if (request.aspectRatio !== undefined || request.resolution !== undefined) {
      warnings.push('size was used; aspect_ratio and resolution were ignored.');
    }
  } else {
    if (request.aspectRatio !== undefined && !ASPECT_RATIOS.includes(request.aspectRatio)) {
      errors.push({ param: 'aspect_ratio', message: `${model} takes aspect_ratio 16:9 or 9:16; got ${request.aspectRatio}.` });
    }
    const resolution = request.resolution?.toLowerCase();
    if (resolution !== undefined && !family.resolutions.includes(resolution as VeoResolution)) {
      const note = family.sendsResolution ? '' : ` ${family.label} renders 720p only.`;
      errors.push({
        param: 'resolution',
        message: `${model} takes resolution ${family.resolutions.join(', ')}; got ${request.resolution}.${note}`,
      });
    }
  }
  const { resolution } = requestedShape(request);
  if (resolution && RESOLUTIONS_NEEDING_8S.includes(resolution) && request.seconds !== undefined && request.seconds !== 8) {
    errors.push({ param: 'seconds', message: `${family.label} at ${resolution} needs seconds 8; got ${request.seconds}.` });
  }
  if (request.image !== undefined) {
    const problem = checkImageReference(request.image);
    if (problem) errors.push({ param: 'image', message: problem });
  }
  const personGeneration = request.providerOptions?.personGeneration;
  if (personGeneration !== undefined) {
    const allowed = request.image ? family.personGeneration.imageToVideo : family.personGeneration.textToVideo;
    if (typeof personGeneration !== 'string' || !allowed.includes(personGeneration)) {
      const mode = request.image ? 'image-to-video' : 'text-to-video';
      errors.push({
        param: 'provider_options.personGeneration',
        message: `${model} takes personGeneration ${allowed.join(', ')} for ${mode}; got ${String(personGeneration)}.`,
      });
    }
  }

  // The Gemini API refuses seed (Vertex AI only: @google/genai throws before sending it).
  if (request.seed !== undefined) warnings.push('seed is not accepted by Veo on the Gemini API (only on Vertex AI) and was not sent.');
  if (request.generateAudio !== undefined) {
    warnings.push(
      family.hasAudio
        ? `generate_audio is not a setting of the Gemini API; ${family.label} always renders audio.`
        : `generate_audio is not a setting of the Gemini API; ${family.label} renders silent video.`,
    );
  }
  return { errors, warnings };
}

const DATA_URL = /^data:(image\/[a-z0-9.+-]+);base64,([a-z0-9+/=\s]*)$/i;

export interface InlineImage {
  mimeType: string;
  base64: string;
}

/** `data:image/png;base64,…` → its parts, or undefined for anything else. */
export function parseImageDataUrl(value: string): InlineImage | undefined {
  const match = DATA_URL.exec(value);
  if (!match) return undefined;
  return { mimeType: (match[1] ?? '').toLowerCase(), base64: (match[2] ?? '').replace(/\s+/g, '') };
}

function checkImageReference(image: string): string | undefined {
  if (/^https?:\/\/\S+$/i.test(image)) return undefined;
  if (image.startsWith('data:')) {
    const inline = parseImageDataUrl(image);
    if (!inline || inline.base64 === '') return 'image must be a base64 data URL of an image (data:image/png;base64,…) or an http(s) URL.';
    if (Buffer.byteLength(inline.base64, 'base64') > MAX_IMAGE_BYTES) return 'image is larger than 20 MB.';
    return undefined;
  }
  return 'image must be an http(s) URL or a base64 data URL (data:image/png;base64,…).';
}

/**
 * Our request → Veo `parameters`. Pass-through options go in first so they can never override
 * validated fields. Numbers for durationSeconds: that is what @google/genai sends.
 */
export function buildVeoParameters(model: string, request: VideoGenerationRequest): Record<string, unknown> {
  const family = veoFamily(model);
  const parameters: Record<string, unknown> = { ...request.providerOptions };
  const { aspectRatio, resolution } = requestedShape(request);
  if (aspectRatio) parameters.aspectRatio = aspectRatio;
  if (resolution && family.sendsResolution) parameters.resolution = resolution;
  if (request.seconds !== undefined) parameters.durationSeconds = request.seconds;
  // 1080p and 4k exist only at 8 s: say so rather than rely on the vendor's default length.
  else if (resolution && RESOLUTIONS_NEEDING_8S.includes(resolution)) parameters.durationSeconds = 8;
  if (request.negativePrompt !== undefined) parameters.negativePrompt = request.negativePrompt;
  return parameters;
}
