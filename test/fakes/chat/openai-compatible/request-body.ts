import type { IncomingMessage } from 'node:http';
import type { RequestProblem } from './vendor-error';

/** Room for a few inline images as data URLs, as the real vendors allow. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export type BodyResult = { ok: true; value: Record<string, unknown> } | { ok: false; problem: RequestProblem };

/** The request body as a JSON object, or OpenAI's wording of why it is not one. */
export async function readJsonObject(request: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    // Keep draining so the client sees the 400 instead of a reset mid-upload.
    if (total <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (total > MAX_BODY_BYTES) {
    return { ok: false, problem: { message: `The request body is larger than ${MAX_BODY_BYTES} bytes.`, param: null, code: null } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ok: true, value: parsed as Record<string, unknown> };
  return {
    ok: false,
    problem: {
      message:
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      param: null,
      code: null,
    },
  };
}
