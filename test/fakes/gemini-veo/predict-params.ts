import { invalidArgument } from './google-error';

/** Veo ids the fake serves, and their generation (providers.md §2 "Models"). */
export const VEO_MODELS: Readonly<Record<string, 2 | 3>> = {
  'veo-3.1-generate-preview': 3,
  'veo-3.1-fast-generate-preview': 3,
  'veo-3.1-lite-generate-preview': 3,
  'veo-3.0-generate-001': 3,
  'veo-3.0-fast-generate-001': 3,
  'veo-3.0-generate-preview': 3,
  'veo-2.0-generate-001': 2,
};

const TOP_LEVEL = new Set(['instances', 'parameters', 'webhookConfig']);
const INSTANCE_FIELDS = new Set(['prompt', 'image', 'lastFrame', 'referenceImages', 'video']);
const PARAMETERS = new Set([
  'aspectRatio',
  'durationSeconds',
  'resolution',
  'negativePrompt',
  'personGeneration',
  'sampleCount',
  'numberOfVideos',
  'enhancePrompt',
  // The docs list seed for Veo 3; @google/genai refuses it on the Gemini API. Unconfirmed: accepted here.
  'seed',
]);
const ASPECT_RATIOS = ['16:9', '9:16'];
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export interface InlineImage {
  mimeType: string;
  base64: string;
}

export interface PredictParams {
  model: string;
  prompt?: string;
  image?: InlineImage;
  durationSeconds: number;
  aspectRatio: string;
  resolution: string;
}

/** Validates a `:predictLongRunning` body the way Veo does, for one model generation. */
export function parsePredictBody(model: string, body: unknown): PredictParams {
  const generation = VEO_MODELS[model];
  if (generation === undefined) throw new Error(`unknown model ${model}`);
  const root = asObject(body, 'the request body');
  for (const key of Object.keys(root)) if (!TOP_LEVEL.has(key)) throw unknownName(key, '');
  const instances = root.instances;
  if (!Array.isArray(instances) || instances.length !== 1) {
    throw invalidArgument('* instances: exactly one instance is required.');
  }
  const instance = asObject(instances[0], 'instances[0]');
  for (const key of Object.keys(instance)) if (!INSTANCE_FIELDS.has(key)) throw unknownName(key, 'instances[0]');
  const image = instance.image === undefined ? undefined : parseImage(instance.image, 'instances[0].image');
  const prompt = instance.prompt;
  if (prompt !== undefined && typeof prompt !== 'string') throw invalidArgument('* instances[0].prompt: must be a string.');
  if (!prompt && !image) throw invalidArgument('* instances[0].prompt: a prompt or an image is required.');

  const parameters = root.parameters === undefined ? {} : asObject(root.parameters, 'parameters');
  for (const key of Object.keys(parameters)) {
    if (!PARAMETERS.has(key)) throw invalidArgument(`\`${key}\` isn't supported by this model. Please remove it or refer to the Gemini API documentation for supported usage.`);
  }
  const durationSeconds = parseDuration(parameters.durationSeconds, generation, model);
  const aspectRatio = parameters.aspectRatio ?? '16:9';
  if (typeof aspectRatio !== 'string' || !ASPECT_RATIOS.includes(aspectRatio)) {
    throw invalidArgument(`Aspect ratio ${String(aspectRatio)} is not supported. Supported aspect ratios are 16:9 and 9:16.`);
  }
  const resolution = parseResolution(parameters.resolution, generation, durationSeconds);
  checkPersonGeneration(parameters.personGeneration, generation, image !== undefined);
  checkSampleCount(parameters.sampleCount ?? parameters.numberOfVideos, generation);
  if (parameters.negativePrompt !== undefined && typeof parameters.negativePrompt !== 'string') {
    throw invalidArgument('* parameters.negativePrompt: must be a string.');
  }
  if (parameters.enhancePrompt !== undefined && typeof parameters.enhancePrompt !== 'boolean') {
    throw invalidArgument('* parameters.enhancePrompt: must be a boolean.');
  }
  const params: PredictParams = { model, durationSeconds, aspectRatio, resolution };
  if (prompt) params.prompt = prompt;
  if (image) params.image = image;
  return params;
}

/** python-genai sends `{bytesBase64Encoded, mimeType}`; the REST docs use `{inlineData: {mimeType, data}}`. */
function parseImage(value: unknown, path: string): InlineImage {
  const image = asObject(value, path);
  const inline = image.inlineData === undefined ? undefined : asObject(image.inlineData, `${path}.inlineData`);
  const base64 = inline ? inline.data : image.bytesBase64Encoded;
  const mimeType = inline ? inline.mimeType : image.mimeType;
  if (image.gcsUri !== undefined) throw invalidArgument(`* ${path}.gcsUri: Cloud Storage URIs are not supported on the Gemini API.`);
  if (typeof base64 !== 'string' || base64 === '' || !BASE64.test(base64)) {
    throw invalidArgument(`* ${path}: image bytes must be base64 (bytesBase64Encoded or inlineData.data).`);
  }
  if (typeof mimeType !== 'string' || !/^image\/[a-z0-9.+-]+$/i.test(mimeType)) {
    throw invalidArgument(`* ${path}.mimeType: an image MIME type such as image/png is required; got ${String(mimeType)}.`);
  }
  return { mimeType, base64 };
}

/** Numbers (what @google/genai sends) and numeric strings (the docs table) are both accepted. */
function parseDuration(value: unknown, generation: 2 | 3, model: string): number {
  const allowed = generation === 3 ? [4, 6, 8] : [5, 6, 8];
  if (value === undefined) return 8;
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!allowed.includes(seconds)) {
    throw invalidArgument(`The durationSeconds ${JSON.stringify(value)} is not supported by ${model}. Supported values are ${allowed.join(', ')}.`);
  }
  return seconds;
}

function parseResolution(value: unknown, generation: 2 | 3, durationSeconds: number): string {
  if (value === undefined) return '720p';
  if (generation === 2) throw invalidArgument("`resolution` isn't supported by this model. Please remove it or refer to the Gemini API documentation for supported usage.");
  if (typeof value !== 'string' || !['720p', '1080p', '4k'].includes(value)) {
    throw invalidArgument(`Resolution ${String(value)} is not supported. Supported resolutions are 720p, 1080p and 4k.`);
  }
  if (value !== '720p' && durationSeconds !== 8) {
    throw invalidArgument(`Resolution ${value} is only supported with durationSeconds 8.`);
  }
  return value;
}

function checkPersonGeneration(value: unknown, generation: 2 | 3, imageToVideo: boolean): void {
  if (value === undefined) return;
  const allowed =
    generation === 3 ? (imageToVideo ? ['allow_adult'] : ['allow_all', 'allow_adult']) : imageToVideo ? ['allow_adult', 'dont_allow'] : ['allow_all', 'allow_adult', 'dont_allow'];
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw invalidArgument(`personGeneration ${String(value)} is not supported for this request. Supported values: ${allowed.join(', ')}.`);
  }
}

function checkSampleCount(value: unknown, generation: 2 | 3): void {
  if (value === undefined) return;
  const max = generation === 3 ? 1 : 2;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidArgument(`The number of videos ${String(value)} is out of bound. Please provide a value between 1 and ${max}, inclusive.`);
  }
}

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidArgument(`* ${path}: must be a JSON object.`);
  return value as Record<string, unknown>;
}

function unknownName(name: string, at: string): Error {
  return invalidArgument(`Invalid JSON payload received. Unknown name "${name}"${at ? ` at '${at}'` : ''}: Cannot find field.`);
}
