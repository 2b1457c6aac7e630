import { z } from 'zod';
import type { VideoGenerationRequest } from '@reelay/providers';
import { ApiError } from '../http/api-error';
import { REQUEST_LIMITS } from '../http/body-limits';
import { imageDataUrlProblem } from './image-data-url';

const imageRef = z.string().superRefine((value, ctx) => {
  if (/^https?:\/\//i.test(value)) return;
  if (!/^data:/i.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL or a data URL such as data:image/png;base64,...' });
    return;
  }
  const problem = imageDataUrlProblem(value, REQUEST_LIMITS.imageBytes);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `the data URL ${problem}` });
});

/** Most keys `metadata` may hold. */
const METADATA_MAX_KEYS = 16;

/**
 * One body for `POST /v1/video/generations` and OpenAI's `POST /v1/videos`. Strict: a
 * misspelt field (`callbackUrl`) is a 400 naming it, not a silently ignored option.
 * `seconds` may be a number or a numeric string (OpenAI's SDK sends strings).
 */
export const createVideoBodySchema = z.strictObject({
  model: z.string().min(1).meta({ description: 'The model group, as GET /v1/models lists it. Required on /v1/video/generations; /v1/videos uses sora-2 without one.' }).optional(),
  prompt: z
    .string({ message: 'prompt is required and must be a string' })
    .trim()
    .min(1, { message: 'prompt must not be empty' })
    .max(REQUEST_LIMITS.promptChars, { message: `prompt may be ${REQUEST_LIMITS.promptChars} characters at most` }),
  seconds: z
    .union([z.number(), z.string().regex(/^\d+$/, { message: 'must be a whole number of seconds' })])
    .transform(Number)
    .pipe(z.number().int({ message: 'must be a whole number of seconds' }).positive())
    .meta({ description: "Length in whole seconds, above 0: a number or a numeric string (OpenAI's SDK sends strings). The lengths each model takes are checked before anything is paid for." })
    .optional(),
  size: z.string().regex(/^\d{2,5}x\d{2,5}$/, { message: 'must be written WIDTHxHEIGHT, e.g. 1280x720' }).optional(),
  aspect_ratio: z.string().regex(/^\d{1,2}:\d{1,2}$/, { message: 'must be written W:H, e.g. 16:9' }).optional(),
  resolution: z.string().regex(/^(\d{3,4}p|4k)$/i, { message: 'must be like 720p, 1080p or 4k' }).meta({ description: 'Like 720p, 1080p or 4k, in any case; with aspect_ratio, instead of size.' }).optional(),
  negative_prompt: z.string().max(REQUEST_LIMITS.promptChars, { message: `negative_prompt may be ${REQUEST_LIMITS.promptChars} characters at most` }).optional(),
  seed: z.number().int({ message: 'must be an integer' }).optional(),
  image: imageRef.meta({ description: `The input image of image-to-video models: an http(s) URL, or a data URL of at most ${REQUEST_LIMITS.imageBytes / 1024 / 1024} MB.` }).optional(),
  input_reference: z.strictObject({ image_url: imageRef.optional(), file_id: z.string().optional() }).optional(),
  generate_audio: z.boolean().optional(),
  provider_options: z
    .record(z.string(), z.unknown())
    .refine((value) => JSON.stringify(value).length <= REQUEST_LIMITS.providerOptionsBytes, {
      message: `provider_options may be ${REQUEST_LIMITS.providerOptionsBytes / 1024} KB of JSON at most`,
    })
    .meta({ description: `Vendor fields sent as they are, at most ${REQUEST_LIMITS.providerOptionsBytes / 1024} KB of JSON.` })
    .optional(),
  callback_url: z.string().min(1).meta({ description: 'Where the signed Standard Webhooks events of this job go. Loopback and private addresses are refused unless WEBHOOK_ALLOW_PRIVATE=true.' }).optional(),
  metadata: z
    .record(z.string().max(64), z.string().max(512, { message: 'metadata values must be strings of at most 512 characters' }))
    .refine((value) => Object.keys(value).length <= METADATA_MAX_KEYS, { message: `metadata takes at most ${METADATA_MAX_KEYS} keys` })
    // A refine has no JSON Schema form: the document states the same limit.
    .meta({ maxProperties: METADATA_MAX_KEYS, description: 'Your own strings, kept on the job and returned with it.' })
    .optional(),
});
export type CreateVideoBody = z.infer<typeof createVideoBodySchema>;

/** Validates a parsed body and turns zod's issues into one OpenAI-style 400. */
export function parseCreateVideoBody(body: unknown): CreateVideoBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'The request body must be a JSON object (or multipart form) with at least "model" and "prompt".', { code: 'invalid_body' });
  }
  const result = createVideoBodySchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    throw new ApiError(400, `Unrecognized request argument supplied: ${keys}. Known fields: ${Object.keys(createVideoBodySchema.shape).join(', ')}.`, {
      param: issue.keys[0] ?? null,
      code: 'unknown_parameter',
    });
  }
  const param = issue.path.join('.');
  const got = issue.code === 'invalid_type' ? ` (got ${describe(getPath(body, issue.path))})` : '';
  throw new ApiError(400, `Invalid ${param || 'body'}: ${issue.message}${got}.`, { param: param || null, code: 'invalid_parameter' });
}

/** Our provider-neutral request, from either body style. */
export function toVideoRequest(body: CreateVideoBody): VideoGenerationRequest {
  if (body.input_reference?.file_id) {
    throw new ApiError(400, 'input_reference.file_id is not supported: send input_reference.image_url (an https URL or data URL), or image.', {
      param: 'input_reference.file_id',
      code: 'unsupported_parameter',
    });
  }
  if (body.size && (body.aspect_ratio || body.resolution)) {
    throw new ApiError(400, 'Send either size, or aspect_ratio with resolution, not both.', { param: 'size', code: 'conflicting_parameters' });
  }
  if (body.image && body.input_reference?.image_url) {
    throw new ApiError(400, 'Send the image once: either image or input_reference.image_url.', { param: 'image', code: 'conflicting_parameters' });
  }
  return dropUndefined({
    prompt: body.prompt,
    seconds: body.seconds,
    size: body.size,
    aspectRatio: body.aspect_ratio,
    resolution: body.resolution?.toLowerCase(),
    negativePrompt: body.negative_prompt,
    seed: body.seed,
    image: body.image ?? body.input_reference?.image_url,
    generateAudio: body.generate_audio,
    providerOptions: body.provider_options,
  });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function getPath(body: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), body);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string "${value.slice(0, 40)}"` : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}
