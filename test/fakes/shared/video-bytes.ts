import { createCipheriv, createHash } from 'node:crypto';

/**
 * Deterministic MP4-shaped bytes for every fake: an `ftyp` box, then one `mdat` whose payload
 * is an AES-CTR keystream keyed by a seed string. Deterministic per seed (so a test can
 * rebuild what a download served), cheap at any size, and streamed in chunks so a large
 * video never sits in memory. Each fake keeps its own `ftyp` brands and seed prefix: tests
 * and recorded hashes depend on those exact bytes, so they are parameters, not unified.
 */

const CHUNK_BYTES = 64 * 1024;
/** `mdat` has a 32-bit size field; stay well inside it. */
export const MAX_MP4_BYTES = 2 ** 31;

/** The `ftyp` box contents; its size follows from the number of compatible brands. */
export interface FtypBrands {
  /** Four characters, e.g. `isom`. */
  major: string;
  minorVersion: number;
  /** Four-character brands run together, e.g. `isomiso2avc1mp41`. */
  compatible: string;
}

/** What most encoders write (ffmpeg's default for H.264 MP4): 32-byte `ftyp`. */
export const ISOM_BRANDS: FtypBrands = { major: 'isom', minorVersion: 0x200, compatible: 'isomiso2avc1mp41' };
/** A plainer `mp42` box: 24-byte `ftyp`. */
export const MP42_BRANDS: FtypBrands = { major: 'mp42', minorVersion: 0, compatible: 'mp42isom' };

/** The `ftyp` box plus the 8-byte `mdat` header: the smallest file these brands allow. */
export function mp4HeaderBytes(brands: FtypBrands): number {
  return ftypBytes(brands) + 8;
}

/** The file chunk by chunk: the two box headers, then payload chunks of at most 64 KiB. */
export async function* mp4Chunks(brands: FtypBrands, seed: string, totalBytes: number): AsyncGenerator<Buffer> {
  const header = boxHeaders(brands, totalBytes);
  yield header;
  const keystream = keystreamFor(seed);
  for (let remaining = totalBytes - header.length; remaining > 0; remaining -= CHUNK_BYTES) {
    yield keystream.update(Buffer.alloc(Math.min(CHUNK_BYTES, remaining)));
  }
}

/** The whole file in one Buffer, for tests that compare hashes. */
export function mp4Buffer(brands: FtypBrands, seed: string, totalBytes: number): Buffer {
  const header = boxHeaders(brands, totalBytes);
  return Buffer.concat([header, seededBytes(seed, totalBytes - header.length)]);
}

/** Bare keystream bytes, for placeholders that only need to be deterministic and distinct. */
export function seededBytes(seed: string, totalBytes: number): Buffer {
  return keystreamFor(seed).update(Buffer.alloc(totalBytes));
}

function boxHeaders(brands: FtypBrands, totalBytes: number): Buffer {
  const ftyp = Buffer.alloc(ftypBytes(brands));
  ftyp.writeUInt32BE(ftyp.length, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(brands.major, 8, 'latin1');
  ftyp.writeUInt32BE(brands.minorVersion, 12);
  ftyp.write(brands.compatible, 16, 'latin1');
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(totalBytes - ftyp.length, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat]);
}

/** Size, type, major brand and minor version (4 bytes each), then the compatible brands. */
function ftypBytes(brands: FtypBrands): number {
  return 16 + brands.compatible.length;
}

function keystreamFor(seed: string) {
  const digest = createHash('sha256').update(seed).digest();
  return createCipheriv('aes-128-ctr', digest.subarray(0, 16), digest.subarray(16, 32));
}
