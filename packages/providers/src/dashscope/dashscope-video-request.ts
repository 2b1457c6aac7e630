import type { RequestCheck, RequestProblem, VideoGenerationRequest } from '../contract/video-model';
import {
  WAN_SIZES,
  describeSeconds,
  findWanModel,
  guessWanMode,
  secondsAllowed,
  sizesOf,
  tierOfSize,
  type WanAspectRatio,
  type WanModelSpec,
  type WanTier,
} from './dashscope-models';

const MAX_SEED = 2_147_483_647;
/**
 * `img_url` takes a public http(s) URL or a data URL (`data:{MIME};base64,{data}`, as the
 * Model Studio reference and its copies write it); we pass either through unchanged.
 */
const IMAGE_URL = /^(https?:\/\/\S+|data:image\/[\w.+-]+;base64,[A-Za-z0-9+/=\s]+)$/i;
/** Provider options that belong under `input`, not `parameters`. */
const INPUT_OPTIONS = new Set(['audio_url']);
/** Never passed through: they would reshape the body itself. */
const RESERVED_OPTIONS = new Set(['model', 'input', 'parameters']);

/** The validated request, plus the `input` / `parameters` objects DashScope receives. */
export interface WanRequestPlan extends RequestCheck {
  input: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

/** Pure: maps our request to a Wan create body and says what cannot work, before anything is paid for. */
export function planWanRequest(modelId: string, request: VideoGenerationRequest): WanRequestPlan {
  const spec = findWanModel(modelId);
  const mode = spec?.mode ?? guessWanMode(modelId);
  const errors: RequestProblem[] = [];
  const warnings: string[] = [];
  const input: Record<string, unknown> = {};
  const parameters: Record<string, unknown> = {};

  // Pass-through options go in first so validated fields below always win.
  for (const [key, value] of Object.entries(request.providerOptions ?? {})) {
    if (RESERVED_OPTIONS.has(key)) warnings.push(`provider_options.${key} is not passed to DashScope.`);
    else if (INPUT_OPTIONS.has(key)) input[key] = value;
    else parameters[key] = value;
  }
  if (!spec) {
    warnings.push(`reelay does not know the limits of DashScope model ${modelId}: size, seconds and audio were sent unchecked.`);
  }
  if (spec && parameters.shot_type !== undefined && !spec.id.startsWith('wan2.6')) {
    warnings.push(`provider_options.shot_type is a wan2.6 option; ${modelId} may ignore it.`);
  }

  input.prompt = request.prompt;
  if (request.negativePrompt !== undefined) input.negative_prompt = request.negativePrompt;
  checkImage(modelId, spec, mode, request, input, errors);
  if (mode === 'i2v') planTier(modelId, spec, request, parameters, errors, warnings);
  else planSize(modelId, spec, request, parameters, errors, warnings);

  if (request.seconds !== undefined) {
    if (spec && !secondsAllowed(spec, request.seconds)) {
      errors.push({ param: 'seconds', message: `${modelId} takes seconds ${describeSeconds(spec)}; got ${request.seconds}.` });
    } else if (!spec && !(Number.isInteger(request.seconds) && request.seconds > 0)) {
      errors.push({ param: 'seconds', message: `seconds must be a positive integer; got ${request.seconds}.` });
    } else {
      parameters.duration = request.seconds;
    }
  }
  if (request.seed !== undefined) {
    if (Number.isInteger(request.seed) && request.seed >= 0 && request.seed <= MAX_SEED) parameters.seed = request.seed;
    else errors.push({ param: 'seed', message: `DashScope takes seed as an integer from 0 to ${MAX_SEED}; got ${request.seed}.` });
  }
  planAudio(modelId, spec, request, parameters, warnings);
  return { errors, warnings, input, parameters };
}

function checkImage(
  modelId: string,
  spec: WanModelSpec | undefined,
  mode: 't2v' | 'i2v',
  request: VideoGenerationRequest,
  input: Record<string, unknown>,
  errors: RequestProblem[],
): void {
  if (request.image === undefined) {
    if (mode === 'i2v') {
      errors.push({ param: 'image', message: `${modelId} is image-to-video: image (an https URL or a data:image/…;base64 URL) is required.` });
    }
    return;
  }
  if (mode === 't2v') {
    const sibling = spec?.imageModel ? ` Use dashscope/${spec.imageModel} for image-to-video.` : ' Use a Wan image-to-video model (…-i2v).';
    errors.push({ param: 'image', message: `${modelId} is text-to-video and takes no image.${sibling}` });
    return;
  }
  if (!IMAGE_URL.test(request.image)) {
    errors.push({ param: 'image', message: 'image must be an http(s) URL or a data:image/<type>;base64,<data> URL.' });
    return;
  }
  input.img_url = request.image;
}

/** Every Wan tier, for a model the table does not know. */
const ALL_TIERS = ['480P', '720P', '1080P'] as const;

/** Text-to-video: `size` as `W*H`, from our `size` or from aspect_ratio + resolution. */
function planSize(
  modelId: string,
  spec: WanModelSpec | undefined,
  request: VideoGenerationRequest,
  parameters: Record<string, unknown>,
  errors: RequestProblem[],
  warnings: string[],
): void {
  if (request.size !== undefined) {
    if (request.aspectRatio !== undefined || request.resolution !== undefined) {
      warnings.push('size was used; aspect_ratio and resolution were ignored.');
    }
    const wire = /^\d+x\d+$/.test(request.size) ? request.size.replace('x', '*') : undefined;
    const allowed = spec ? sizesOf(spec.tiers) : undefined;
    if (!wire || (allowed && !allowed.includes(wire))) {
      const list = (allowed ?? sizesOf(ALL_TIERS)).map(ours).join(', ');
      errors.push({ param: 'size', message: `${modelId} takes size ${list}; got ${request.size}.` });
      return;
    }
    parameters.size = wire;
    return;
  }
  if (request.aspectRatio === undefined && request.resolution === undefined) return;
  const tiers = spec?.tiers ?? ALL_TIERS;
  const tier = request.resolution === undefined ? (spec?.defaultTier ?? '1080P') : toTier(request.resolution);
  if (!tier || !tiers.includes(tier)) {
    errors.push({ param: 'resolution', message: `${modelId} takes resolution ${tiers.map(lower).join(', ')}; got ${request.resolution}.` });
    return;
  }
  const ratio = request.aspectRatio ?? '16:9';
  const size = WAN_SIZES[tier][ratio as WanAspectRatio];
  if (!size) {
    const ratios = Object.keys(WAN_SIZES[tier]).join(', ');
    errors.push({ param: 'aspect_ratio', message: `${modelId} at ${lower(tier)} takes aspect_ratio ${ratios}; got ${request.aspectRatio}.` });
    return;
  }
  parameters.size = size;
}

/** Image-to-video: a `resolution` tier; the output keeps the input image's aspect ratio. */
function planTier(
  modelId: string,
  spec: WanModelSpec | undefined,
  request: VideoGenerationRequest,
  parameters: Record<string, unknown>,
  errors: RequestProblem[],
  warnings: string[],
): void {
  const tiers = spec?.tiers ?? ALL_TIERS;
  if (request.aspectRatio !== undefined) {
    warnings.push(`aspect_ratio was ignored: ${modelId} keeps the input image's aspect ratio.`);
  }
  let tier: WanTier | undefined;
  if (request.size !== undefined) {
    tier = /^\d+x\d+$/.test(request.size) ? tierOfSize(request.size.replace('x', '*')) : undefined;
    if (!tier || !tiers.includes(tier)) {
      const list = tiers.map(lower).join(', ');
      errors.push({ param: 'size', message: `${modelId} takes resolution ${list} (the video keeps the image's aspect ratio); size ${request.size} matches none.` });
      return;
    }
    warnings.push(`${modelId} keeps the input image's aspect ratio: size ${request.size} was sent as resolution ${tier}.`);
  } else if (request.resolution !== undefined) {
    tier = toTier(request.resolution);
    if (!tier || !tiers.includes(tier)) {
      errors.push({ param: 'resolution', message: `${modelId} takes resolution ${tiers.map(lower).join(', ')}; got ${request.resolution}.` });
      return;
    }
  }
  if (tier) parameters.resolution = tier;
}

/**
 * Sound: only wan2.6-i2v-flash documents `parameters.audio` (default true). The other wan2.5 /
 * wan2.6 models dub every clip; wan2.2 is silent. Unknown models get the flag as sent.
 */
function planAudio(
  modelId: string,
  spec: WanModelSpec | undefined,
  request: VideoGenerationRequest,
  parameters: Record<string, unknown>,
  warnings: string[],
): void {
  if (request.generateAudio === undefined) return;
  const audio = spec?.audio ?? 'toggle';
  if (audio === 'toggle') parameters.audio = request.generateAudio;
  else if (audio === 'auto' && !request.generateAudio) {
    warnings.push(`${modelId} always adds audio; generate_audio=false was not sent (provider_options.audio=false passes DashScope's flag as is).`);
  } else if (audio === 'silent' && request.generateAudio) {
    warnings.push(`${modelId} makes silent videos; generate_audio was ignored (wan2.5 and wan2.6 models add audio).`);
  }
}

function toTier(resolution: string): WanTier | undefined {
  const upper = resolution.trim().toUpperCase();
  return upper === '480P' || upper === '720P' || upper === '1080P' ? upper : undefined;
}

const lower = (tier: string) => tier.toLowerCase();
/** Our notation in messages: clients write `1280x720`. */
const ours = (size: string) => size.replace('*', 'x');
