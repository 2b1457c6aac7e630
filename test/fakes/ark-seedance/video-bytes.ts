import { createCipheriv, createHash } from 'node:crypto';

const CHUNK_BYTES = 64 * 1024;
/** A 24-byte `ftyp` box plus the 8-byte `mdat` header. */
export const MIN_VIDEO_BYTES = 32;
/** `mdat` has a 32-bit size field; stay well inside it. */
export const MAX_VIDEO_BYTES = 2 ** 31;

/**
 * A small MP4-shaped file: `ftyp` (brand mp42) and one `mdat` whose payload is a keystream
 * seeded by the task id, so each task's bytes are deterministic and distinct, and any size
 * is produced chunk by chunk without holding it in memory.
 */
export async function* seedanceVideoChunks(taskId: string, totalBytes: number): AsyncGenerator<Buffer> {
  const header = headers(totalBytes);
  yield header;
  const keystream = keystreamFor(taskId);
  for (let remaining = totalBytes - header.length; remaining > 0; remaining -= CHUNK_BYTES) {
    yield keystream.update(Buffer.alloc(Math.min(CHUNK_BYTES, remaining)));
  }
}

/** The whole file at once, for tests that compare hashes. */
export function seedanceVideoBuffer(taskId: string, totalBytes: number): Buffer {
  const header = headers(totalBytes);
  return Buffer.concat([header, keystreamFor(taskId).update(Buffer.alloc(totalBytes - header.length))]);
}

function headers(totalBytes: number): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write('mp42', 8, 'latin1');
  ftyp.writeUInt32BE(0, 12);
  ftyp.write('mp42isom', 16, 'latin1');
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(totalBytes - ftyp.length, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat]);
}

function keystreamFor(taskId: string) {
  const digest = createHash('sha256').update(`seedance:${taskId}`).digest();
  return createCipheriv('aes-128-ctr', digest.subarray(0, 16), digest.subarray(16, 32));
}
