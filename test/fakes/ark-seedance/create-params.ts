import { invalidParameter, missingParameter, modelNotFound } from './ark-error';
import { readContent, type ReceivedContent } from './create-content';
import { readLegacyFlags } from './legacy-flags';
import type { FakeSeedanceModel } from './seedance-models';

const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'];
const MAX_SEED = 4_294_967_295;

/** A create body after Ark's checks, with every default filled in. */
export interface CreateSpec extends ReceivedContent {
  model: FakeSeedanceModel;
  resolution: string;
  ratio: string;
  /** Whole seconds; -1 when the model picks. Absent when `frames` was given. */
  duration?: number;
  frames?: number;
  /** -1 when the caller left it to chance. */
  seed: number;
  cameraFixed: boolean;
  watermark: boolean;
  /** Only on models with audio (default true). */
  generateAudio?: boolean;
  /** Only on models with a draft mode. */
  draft?: boolean;
  returnLastFrame: boolean;
  serviceTier: string;
  executionExpiresAfter: number;
  callbackUrl?: string;
}

/**
 * Checks a create body the way Ark does: the model first (unknown → 404), then the content
 * items, then each body parameter (400 InvalidParameter naming it). The legacy text commands
 * (`--rs 720p --dur 5`) are still accepted, as Seedance 1.0–1.5 do; the body wins where
 * both are given. Whether 2.0 refuses them is unconfirmed, so the fake accepts them there too.
 */
export function parseCreateBody(body: Record<string, unknown>, models: readonly FakeSeedanceModel[]): CreateSpec {
  if (body.model === undefined || body.model === '') throw missingParameter('model');
  if (typeof body.model !== 'string') throw invalidParameter('model', 'it must be a string');
  const model = models.find((candidate) => candidate.id === body.model);
  if (!model) throw modelNotFound(body.model);

  const content = readContent(body.content, model);
  const legacy = readLegacyFlags(content.prompt);
  // Weak validation of the legacy style: a value the model cannot take falls back to the default.
  if (legacy.resolution !== undefined && !model.resolutions.includes(legacy.resolution)) delete legacy.resolution;
  if (legacy.ratio !== undefined && !RATIOS.includes(legacy.ratio)) delete legacy.ratio;
  if (legacy.duration !== undefined && (legacy.duration < model.minSeconds || legacy.duration > model.maxSeconds)) delete legacy.duration;
  if (legacy.seed !== undefined && (legacy.seed < -1 || legacy.seed > MAX_SEED)) delete legacy.seed;

  const resolution = optionalString(body, 'resolution') ?? legacy.resolution ?? model.defaultResolution;
  if (!model.resolutions.includes(resolution)) {
    throw invalidParameter('resolution', `${model.id} supports ${model.resolutions.join(', ')}, got ${resolution}`);
  }
  const defaultRatio = content.image === undefined ? '16:9' : 'adaptive';
  const ratio = optionalString(body, 'ratio') ?? legacy.ratio ?? defaultRatio;
  if (!RATIOS.includes(ratio)) throw invalidParameter('ratio', `supported values are ${RATIOS.join(', ')}, got ${ratio}`);

  const frames = optionalInteger(body, 'frames');
  let duration = optionalInteger(body, 'duration');
  if (frames !== undefined && duration !== undefined) throw invalidParameter('frames', 'duration and frames cannot both be set');
  if (frames !== undefined) {
    if (!model.frames) throw invalidParameter('frames', `${model.id} does not support frames; use duration`);
    if (frames < 29 || frames > 289 || (frames - 25) % 4 !== 0) throw invalidParameter('frames', `frames must be 25 + 4n within [29, 289], got ${frames}`);
  } else {
    duration ??= legacy.duration ?? 5;
    const inRange = duration >= model.minSeconds && duration <= model.maxSeconds;
    if (!inRange && !(model.modelChoosesSeconds && duration === -1)) {
      const choose = model.modelChoosesSeconds ? ' or -1' : '';
      throw invalidParameter('duration', `${model.id} supports ${model.minSeconds}~${model.maxSeconds}${choose}, got ${duration}`);
    }
  }

  const seed = optionalInteger(body, 'seed') ?? legacy.seed ?? -1;
  if (seed < -1 || seed > MAX_SEED) throw invalidParameter('seed', `seed must be within [-1, ${MAX_SEED}], got ${seed}`);

  const generateAudio = optionalBoolean(body, 'generate_audio');
  // Whether Ark refuses or ignores generate_audio on 1.0 models is unconfirmed; refusing
  // catches an adapter that sends it where it means nothing.
  if (generateAudio !== undefined && !model.audio) throw invalidParameter('generate_audio', `${model.id} does not support generate_audio`);
  const draft = optionalBoolean(body, 'draft');
  if (draft !== undefined && !model.draft) throw invalidParameter('draft', `${model.id} does not support draft`);
  if (draft && resolution !== '480p') throw invalidParameter('draft', 'draft supports only resolution 480p');

  const serviceTier = optionalString(body, 'service_tier') ?? 'default';
  if (serviceTier !== 'default' && serviceTier !== 'flex') throw invalidParameter('service_tier', `supported values are default, flex, got ${serviceTier}`);
  const executionExpiresAfter = optionalInteger(body, 'execution_expires_after') ?? 172_800;
  if (executionExpiresAfter < 3600 || executionExpiresAfter > 259_200) {
    throw invalidParameter('execution_expires_after', `it must be within [3600, 259200], got ${executionExpiresAfter}`);
  }
  const callbackUrl = optionalString(body, 'callback_url');
  if (callbackUrl !== undefined && !/^https?:\/\//i.test(callbackUrl)) throw invalidParameter('callback_url', 'it must be an http(s) URL');

  const spec: CreateSpec = {
    ...content,
    model,
    resolution,
    ratio,
    seed,
    cameraFixed: optionalBoolean(body, 'camera_fixed') ?? legacy.cameraFixed ?? false,
    watermark: optionalBoolean(body, 'watermark') ?? legacy.watermark ?? false,
    returnLastFrame: optionalBoolean(body, 'return_last_frame') ?? false,
    serviceTier,
    executionExpiresAfter,
  };
  if (frames !== undefined) spec.frames = frames;
  else spec.duration = duration;
  if (model.audio) spec.generateAudio = generateAudio ?? true;
  if (model.draft) spec.draft = draft ?? false;
  if (callbackUrl !== undefined) spec.callbackUrl = callbackUrl;
  return spec;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(key, `it must be a string, got ${JSON.stringify(value)}`);
  return value;
}

function optionalInteger(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidParameter(key, `it must be an integer, got ${JSON.stringify(value)}`);
  return value;
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidParameter(key, `it must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}
