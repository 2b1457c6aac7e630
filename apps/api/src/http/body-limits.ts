import type { RequestHandler } from 'express';
import { ApiError } from './api-error';

/**
 * The documented limits on request bodies (README "Limits on requests"), checked before
 * anything is stored or queued. JSON bodies carry images as data URLs, so their limit is the
 * image's base64 plus room for the rest.
 */
export const REQUEST_LIMITS = {
  /** An input image, decoded, as a data URL or a multipart file. */
  imageBytes: 10 * 1024 * 1024,
  /** A JSON body: a 10 MB image as base64 (13.4 MB) and the other fields. */
  jsonBodyBytes: 14 * 1024 * 1024,
  /** Any multipart field; an image sent as a data URL string needs the JSON body's room. */
  multipartFieldBytes: 14 * 1024 * 1024,
  /** Objects and arrays inside one another; real bodies nest two or three levels. */
  nestingDepth: 32,
  /** `prompt`, in characters (every vendor's own limit is lower; this stops megabyte prompts). */
  promptChars: 32_000,
  /** `provider_options`, as JSON. */
  providerOptionsBytes: 64 * 1024,
} as const;

/**
 * The depth of nested objects and arrays, walked without recursion so that a body nested
 * thousands of levels deep cannot overflow the stack of whatever reads it next (validation,
 * JSON.stringify of the job record). Stops as soon as `max` is passed.
 */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

export function assertBodyDepth(body: unknown): void {
  if (exceedsDepth(body, REQUEST_LIMITS.nestingDepth)) {
    throw new ApiError(400, `The request body nests objects or arrays more than ${REQUEST_LIMITS.nestingDepth} levels deep; no field of this API needs that. Flatten the value.`, {
      code: 'body_too_deep',
    });
  }
}

/** After the JSON parser: a parsed body too deep for the rest of the API is a 400. */
export const rejectDeepBodies: RequestHandler = (req, _res, next) => {
  assertBodyDepth(req.body);
  next();
};
