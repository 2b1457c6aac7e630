import { invalidRequest, invalidType, invalidValue, unknownParameter } from './openai-error';
import type { ReceivedBody, UploadedFile } from './request-body';

export const MODELS = ['sora-2', 'sora-2-pro', 'sora-2-2025-10-06', 'sora-2-2025-12-08', 'sora-2-pro-2025-10-06'] as const;
export const SECONDS = ['4', '8', '12', '16', '20'] as const;
/** sora-2 renders 720p only (providers.md §1 [R]); the wide, tall and 1080p sizes need sora-2-pro. */
const SIZES_720 = ['720x1280', '1280x720'];
const SIZES_PRO = [...SIZES_720, '1024x1792', '1792x1024', '1080x1920', '1920x1080'];
const KNOWN_PARAMS = new Set(['prompt', 'model', 'seconds', 'size', 'input_reference', 'character_ids']);
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export interface InputReference {
  image_url?: string;
  file_id?: string;
  file?: UploadedFile;
}

export interface CreateParams {
  model: string;
  prompt: string;
  seconds: string;
  size: string;
  inputReference?: InputReference;
  characterIds?: string[];
}

/** Validates a create body the way the API does, whichever encoding the client chose. */
export function parseCreateParams(body: ReceivedBody): CreateParams {
  const fields = body.encoding === 'multipart' ? unflatten(body.fields as Record<string, string | string[]>) : body.fields;
  for (const name of Object.keys(fields)) if (!KNOWN_PARAMS.has(name)) throw unknownParameter(name);
  for (const file of body.files) if (file.field !== 'input_reference') throw unknownParameter(file.field);

  const prompt = fields.prompt;
  if (prompt === undefined || prompt === '') {
    throw invalidRequest("Missing required parameter: 'prompt'.", 'prompt', 'missing_required_parameter');
  }
  if (typeof prompt !== 'string') throw invalidType('prompt', 'a string', prompt);
  const model = enumField(fields, 'model', MODELS, 'sora-2');
  const seconds = enumField(fields, 'seconds', SECONDS, '4');
  const sizes = model.includes('pro') ? SIZES_PRO : SIZES_720;
  const size = enumField(fields, 'size', sizes, '720x1280', ` for ${model}`);
  const params: CreateParams = { model, prompt, seconds, size };
  const inputReference = parseInputReference(fields.input_reference, body.files[0]);
  if (inputReference) params.inputReference = inputReference;
  if (fields.character_ids !== undefined) params.characterIds = parseCharacterIds(fields.character_ids);
  return params;
}

/** The remix body is only `{prompt}`. */
export function parseRemixPrompt(body: ReceivedBody): string {
  const fields = body.encoding === 'multipart' ? unflatten(body.fields as Record<string, string | string[]>) : body.fields;
  for (const name of Object.keys(fields)) if (name !== 'prompt') throw unknownParameter(name);
  const prompt = fields.prompt;
  if (prompt === undefined || prompt === '') {
    throw invalidRequest("Missing required parameter: 'prompt'.", 'prompt', 'missing_required_parameter');
  }
  if (typeof prompt !== 'string') throw invalidType('prompt', 'a string', prompt);
  return prompt;
}

function enumField(
  fields: Record<string, unknown>,
  name: string,
  allowed: readonly string[],
  fallback: string,
  context = '',
): string {
  const value = fields[name];
  if (value === undefined) return fallback;
  // seconds is a string enum: a JSON number is a type error, exactly as the API answers.
  if (typeof value !== 'string') throw invalidType(name, 'one of the supported strings', value);
  if (!allowed.includes(value)) throw invalidValue(name, value, allowed, context);
  return value;
}

function parseInputReference(value: unknown, file: UploadedFile | undefined): InputReference | undefined {
  if (file) {
    if (value !== undefined) throw invalidRequest("Send 'input_reference' either as a file or as an object, not both.", 'input_reference');
    if (!IMAGE_TYPES.includes(file.mimeType)) {
      throw invalidValue('input_reference', file.mimeType, IMAGE_TYPES, ' for an uploaded input_reference');
    }
    return { file };
  }
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidType('input_reference', 'a file or an object with image_url or file_id', value);
  }
  const reference = value as Record<string, unknown>;
  for (const key of Object.keys(reference)) {
    if (key !== 'image_url' && key !== 'file_id') throw unknownParameter(`input_reference.${key}`);
  }
  const { image_url: imageUrl, file_id: fileId } = reference;
  if ((imageUrl === undefined) === (fileId === undefined)) {
    throw invalidRequest("'input_reference' takes exactly one of 'image_url' and 'file_id'.", 'input_reference');
  }
  if (fileId !== undefined) {
    if (typeof fileId !== 'string') throw invalidType('input_reference.file_id', 'a string', fileId);
    return { file_id: fileId };
  }
  if (typeof imageUrl !== 'string') throw invalidType('input_reference.image_url', 'a string', imageUrl);
  checkImageUrl(imageUrl);
  return { image_url: imageUrl };
}

function checkImageUrl(url: string): void {
  const dataUrl = /^data:(image\/[a-z]+);base64,(.*)$/s.exec(url);
  if (dataUrl) {
    const [, mimeType = '', payload = ''] = dataUrl;
    if (!IMAGE_TYPES.includes(mimeType)) throw invalidValue('input_reference.image_url', mimeType, IMAGE_TYPES, ' for the image type');
    if (Buffer.byteLength(payload, 'base64') > MAX_IMAGE_BYTES) {
      throw invalidRequest('The image in input_reference.image_url is larger than 20 MB.', 'input_reference.image_url');
    }
    return;
  }
  if (!/^https?:\/\/\S+$/i.test(url)) {
    throw invalidRequest(
      "Invalid 'input_reference.image_url': expected a fully qualified URL or a base64-encoded data URL.",
      'input_reference.image_url',
      'invalid_value',
    );
  }
}

function parseCharacterIds(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
    throw invalidType('character_ids', 'an array of strings', value);
  }
  return value;
}

/** Multipart names `a[b]` and `a[]` back into `{a: {b}}` and `{a: [...]}` (how openai-node flattens). */
function unflatten(flat: Record<string, string | string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    const nested = /^([^[\]]+)\[([^[\]]*)\]$/.exec(name);
    if (!nested) {
      out[name] = value;
      continue;
    }
    const [, parent = '', child = ''] = nested;
    if (child === '') {
      const list = Array.isArray(out[parent]) ? (out[parent] as unknown[]) : [];
      list.push(...[value].flat());
      out[parent] = list;
    } else {
      const object = isPlainObject(out[parent]) ? (out[parent] as Record<string, unknown>) : {};
      object[child] = value;
      out[parent] = object;
    }
  }
  return out;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
