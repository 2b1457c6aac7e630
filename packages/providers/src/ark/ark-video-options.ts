import type { RequestCheck, RequestProblem, VideoGenerationRequest } from '../contract/video-model';
import { isArkEndpointId, liteImageModelFor, liteTextModelFor, seedanceCapabilities } from './ark-models';
import { ARK_RATIOS, ARK_RESOLUTIONS, advertisedSizes, ratioAndResolutionForSize } from './ark-sizes';

const MAX_SEED = 4_294_967_295;
/** Any Seedance model: 1.0 takes 2–12, 1.5-pro 4–12, 2.0 4–15. */
const ANY_MODEL_SECONDS = { min: 2, max: 15 };

/** The validated Ark body fields of one request. */
export interface ArkRequestFields {
  ratio?: string;
  resolution?: string;
  duration?: number;
  seed?: number;
  generate_audio?: boolean;
  /** URL or data URL, sent as the first frame. */
  image?: string;
}

export interface ArkRequestPlan extends RequestCheck {
  fields: ArkRequestFields;
}

/**
 * Maps our request onto Seedance's body parameters and says what is wrong with it, without
 * any network call. Known model ids are checked against their family; endpoint ids
 * (`ep-…`) and unrecognised names get only the checks that hold for every Seedance model,
 * and Ark itself has the last word.
 */
export function planArkRequest(model: string, request: VideoGenerationRequest): ArkRequestPlan {
  const errors: RequestProblem[] = [];
  const warnings: string[] = [];
  const fields: ArkRequestFields = {};
  const family = isArkEndpointId(model) ? undefined : seedanceCapabilities(model);
  const resolutions = family?.resolutions ?? ARK_RESOLUTIONS;

  if (request.size !== undefined) {
    const mapped = ratioAndResolutionForSize(request.size);
    if (!mapped || !resolutions.includes(mapped.resolution)) {
      errors.push({
        param: 'size',
        message: `${model} takes size ${advertisedSizes(resolutions).join(', ')} (or aspect_ratio + resolution); got ${request.size}.`,
      });
    } else {
      fields.ratio = mapped.ratio;
      fields.resolution = mapped.resolution;
    }
    if (request.aspectRatio !== undefined || request.resolution !== undefined) {
      warnings.push('size was used; aspect_ratio and resolution were ignored.');
    }
  } else {
    if (request.aspectRatio !== undefined) {
      if ((ARK_RATIOS as readonly string[]).includes(request.aspectRatio)) fields.ratio = request.aspectRatio;
      else errors.push({ param: 'aspect_ratio', message: `${model} takes aspect_ratio ${ARK_RATIOS.join(', ')}; got ${request.aspectRatio}.` });
    }
    if (request.resolution !== undefined) {
      const resolution = request.resolution.toLowerCase();
      if (resolutions.includes(resolution)) fields.resolution = resolution;
      else errors.push({ param: 'resolution', message: `${model} takes resolution ${resolutions.join(', ')}; got ${request.resolution}.` });
    }
  }

  if (request.seconds !== undefined) {
    const min = family?.minSeconds ?? ANY_MODEL_SECONDS.min;
    const max = family?.maxSeconds ?? ANY_MODEL_SECONDS.max;
    const modelChooses = family ? family.modelChoosesSeconds : true;
    const valid = Number.isInteger(request.seconds) && ((request.seconds >= min && request.seconds <= max) || (modelChooses && request.seconds === -1));
    if (valid) fields.duration = request.seconds;
    else {
      const choose = modelChooses ? ', or -1 to let the model choose' : '';
      errors.push({ param: 'seconds', message: `${model} takes seconds as a whole number from ${min} to ${max}${choose}; got ${request.seconds}.` });
    }
  }

  if (request.seed !== undefined) {
    if (Number.isInteger(request.seed) && request.seed >= -1 && request.seed <= MAX_SEED) fields.seed = request.seed;
    else errors.push({ param: 'seed', message: `Seedance takes seed as a whole number from -1 to ${MAX_SEED}; got ${request.seed}.` });
  }

  if (request.negativePrompt !== undefined) {
    warnings.push('negative_prompt is not supported by Seedance and was not sent; describe what to avoid in the prompt instead.');
  }

  if (request.generateAudio !== undefined) {
    if (!family || family.generatesAudio) fields.generate_audio = request.generateAudio;
    else warnings.push(`generate_audio is supported only by Seedance 1.5 pro and 2.0; ${model} makes silent video and it was not sent.`);
  }

  if (request.image !== undefined) {
    if (!isImageReference(request.image)) {
      errors.push({ param: 'image', message: 'image must be an http(s) URL or a data:image/<type>;base64,… URL.' });
    } else if (family?.image === 'none') {
      errors.push({ param: 'image', message: `${model} is text-to-video only; use ${liteImageModelFor(model)} for image-to-video.` });
    } else {
      fields.image = request.image;
    }
  } else if (family?.image === 'required') {
    errors.push({ param: 'image', message: `${model} is image-to-video only and needs an image; use ${liteTextModelFor(model)} for text-to-video.` });
  }

  if (request.prompt.trim() === '' && request.image === undefined) {
    errors.push({ param: 'prompt', message: 'Seedance needs a prompt (or an image to animate).' });
  }

  // Validated fields win over pass-through options of the same name; say so rather than drop them silently.
  const owned = new Set(['model', 'content', ...Object.keys(fields).filter((key) => key !== 'image')]);
  const overridden = Object.keys(request.providerOptions ?? {}).filter((key) => owned.has(key));
  if (overridden.length > 0) {
    warnings.push(`provider_options ${overridden.join(', ')} ${overridden.length === 1 ? 'was' : 'were'} ignored: reelay sets ${overridden.length === 1 ? 'it' : 'them'} from the request.`);
  }

  return { errors, warnings, fields };
}

/** Pure check for the VideoModel contract. */
export function checkArkVideoRequest(model: string, request: VideoGenerationRequest): RequestCheck {
  const { errors, warnings } = planArkRequest(model, request);
  return { errors, warnings };
}

function isImageReference(value: string): boolean {
  if (/^data:image\/[\w.+-]+;base64,[A-Za-z0-9+/=\s]+$/.test(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
