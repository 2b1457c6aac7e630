/**
 * Input images sent inline: a data URL must hold base64 of an image of the type it declares,
 * checked at intake so a broken image is a 400 now, not a failed (and perhaps paid) job later.
 */

const SIGNATURES: ReadonlyArray<{ mimeType: string; matches: (head: Buffer) => boolean }> = [
  { mimeType: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mimeType: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mimeType: 'image/gif', matches: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  { mimeType: 'image/webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { mimeType: 'image/bmp', matches: (b) => b.subarray(0, 2).toString('latin1') === 'BM' },
];

/** The image type the bytes themselves say, whatever a header or file name claims. */
export function sniffImageType(bytes: Buffer): string | undefined {
  return SIGNATURES.find((signature) => signature.matches(bytes))?.mimeType;
}

const DATA_URL = /^data:(image\/[a-z0-9.+-]+);base64,(.*)$/is;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Undefined when the data URL holds an image of its declared type within `maxBytes`; else why not. */
export function imageDataUrlProblem(url: string, maxBytes: number): string | undefined {
  const match = DATA_URL.exec(url);
  if (!match) return 'must be a data URL of the form data:image/<type>;base64,<data>';
  const declared = match[1]!.toLowerCase().replace('image/jpg', 'image/jpeg');
  const payload = match[2]!;
  if (payload.length === 0) return 'holds no data after "base64,"';
  if (payload.length % 4 !== 0 || !BASE64.test(payload)) return 'is not valid base64 (only A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4 characters)';
  const bytes = Math.floor((payload.length * 3) / 4) - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0);
  if (bytes > maxBytes) return `holds ${(bytes / 1024 / 1024).toFixed(1)} MB; an input image may be ${maxBytes / 1024 / 1024} MB. Send a smaller image or an https URL`;
  const actual = sniffImageType(Buffer.from(payload.slice(0, 24), 'base64'));
  if (actual === undefined) return `says ${declared}, but its bytes are not a PNG, JPEG, WebP, GIF or BMP image`;
  if (actual !== declared) return `says ${declared}, but its bytes are ${actual}; fix the type in the data URL`;
  return undefined;
}
