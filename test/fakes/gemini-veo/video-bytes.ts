import { createCipheriv, createHash } from 'node:crypto';

const CHUNK_BYTES = 64 * 1024;

/**
 * A small valid-looking MP4: an `ftyp` box (major brand isom) and one `mdat` box whose
 * payload is an AES-CTR keystream keyed by the video id. Deterministic per id, cheap to
 * produce at any size, and generated chunk by chunk so large videos never sit in memory.
 */
export async function* videoChunks(id: string, totalBytes: number): AsyncGenerator<Buffer> {
  const header = boxHeaders(totalBytes);
  yield header;
  const keystream = keystreamFor(`video:${id}`);
  let remaining = totalBytes - header.length;
  while (remaining > 0) {
    const size = Math.min(CHUNK_BYTES, remaining);
    yield keystream.update(Buffer.alloc(size));
    remaining -= size;
  }
}

/** The whole video in one Buffer, for tests that compare hashes. */
export function videoBuffer(id: string, totalBytes: number): Buffer {
  const header = boxHeaders(totalBytes);
  const payload = keystreamFor(`video:${id}`).update(Buffer.alloc(totalBytes - header.length));
  return Buffer.concat([header, payload]);
}

/**
 * Thumbnail and spritesheet variants: deterministic placeholder bytes, not real images
 * (nothing in reelay decodes them; they only need to be distinguishable from the video).
 */
export function previewBuffer(id: string, variant: string, totalBytes = 2048): Buffer {
  return keystreamFor(`${variant}:${id}`).update(Buffer.alloc(totalBytes));
}

function boxHeaders(totalBytes: number): Buffer {
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write('isom', 8, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isomiso2avc1mp41', 16, 'latin1');
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(totalBytes - ftyp.length, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat]);
}

function keystreamFor(seed: string) {
  const digest = createHash('sha256').update(seed).digest();
  return createCipheriv('aes-128-ctr', digest.subarray(0, 16), digest.subarray(16, 32));
}
